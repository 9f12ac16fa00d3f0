import { issue, signerFromSeed, verifyMany, decodeRecord } from 'counterfoil'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600, NOW=IAT+86400
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const texts=[]; for(let i=0;i<10000;i++) texts.push((await issue({signer:shop,subject:i%2?customer.did:shop.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})).toString())
global.gc(); const m0=process.memoryUsage()
const r=await verifyMany(texts,{trustedIssuers:[shop.did],now:NOW})
global.gc(); const m1=process.memoryUsage()
console.log('per result heap', ((m1.heapUsed-m0.heapUsed)/10000).toFixed(0), 'B; external', ((m1.external-m0.external)/10000).toFixed(0), 'arrayBuffers', ((m1.arrayBuffers-m0.arrayBuffers)/10000).toFixed(0))
const recs=texts.map(t=>decodeRecord(t)); global.gc(); const m2=process.memoryUsage()
console.log('per decoded record heap', ((m2.heapUsed-m1.heapUsed)/10000).toFixed(0))
console.log(r.length, recs.length)
{
global.gc(); const a=process.memoryUsage().heapUsed
let keep=[]; for (let i=0;i<10000;i++){ const x=r[i]; keep.push(x.checks) }
recs.length=0; r.length=0
global.gc(); const b=process.memoryUsage().heapUsed
console.log('after dropping records (checks kept):', ((b-a)/10000).toFixed(0))
console.log(JSON.stringify(keep[0]).length, keep[0])
keep=null; global.gc(); console.log('after dropping all', ((process.memoryUsage().heapUsed-a)/10000).toFixed(0))
}
