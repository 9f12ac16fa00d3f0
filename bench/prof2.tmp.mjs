import { issue, signerFromSeed, verify, verifyMany, selectBackend, signingInput } from 'counterfoil'
import { Session } from 'node:inspector/promises'
import fs from 'node:fs'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600, NOW=IAT+86400
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const others = await Promise.all([3, 4].map(async (t) => (await signerFromSeed(seedOf(t))).did))
const trustedIssuers=[...others, shop.did]
const texts=[]; for(let i=0;i<10000;i++) texts.push((await issue({signer:shop,subject:i%2?customer.did:shop.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})).toString())
const mode=process.argv[2]
const node=await selectBackend('node')
const rec=await issue({signer:shop,subject:customer.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})
const msg=signingInput(rec.cid), sig=rec.signatures[0].signature, pk=shop.publicKey
const run = mode==='raw64' ? async()=>{ let next=0; await Promise.all(Array.from({length:64},async()=>{while(next<10000){next++; await node.verifyConcurrent(pk,msg,sig)}}))} : mode==='one'? async()=>{for(const t of texts) await verify(t,{trustedIssuers,now:NOW})} : ()=>verifyMany(texts,{trustedIssuers,now:NOW})
await run()
const s=new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval',{interval:100}); await s.post('Profiler.start')
for(let r=0;r<3;r++){ const c0=process.cpuUsage(); const t=performance.now(); await run(); const dt=performance.now()-t; const c=process.cpuUsage(c0); console.log(mode, (10000/dt*1000).toFixed(0),'/s', ((c.user+c.system)/10000).toFixed(1),'µs cpu/rec') }
const {profile}=await s.post('Profiler.stop'); fs.writeFileSync(`${mode}.cpuprofile`, JSON.stringify(profile))
