import { issue, signerFromSeed, verify, selectBackend } from 'counterfoil'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600, NOW=IAT+86400
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const others = await Promise.all([3, 4].map(async (t) => (await signerFromSeed(seedOf(t))).did))
const trustedIssuers=[...others, shop.did]
const rec=await issue({signer:shop,subject:customer.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})
const text=rec.toString()
for(let i=0;i<60000;i++) await verify(text,{trustedIssuers,now:NOW})
