import { issue, signerFromSeed, verify, selectBackend, signingInput, decodeRecord } from 'counterfoil'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600, NOW=IAT+86400
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const others = await Promise.all([3, 4].map(async (t) => (await signerFromSeed(seedOf(t))).did))
const trustedIssuers=[...others, shop.did]
const rec=await issue({signer:shop,subject:customer.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})
const text=rec.toString(); const node=await selectBackend('node'); await selectBackend('auto')
const msg=signingInput(rec.cid), sig=rec.signatures[0].signature, pk=shop.publicKey
const rows={ raw: ()=>node.verify(pk,msg,sig), rawdecode: ()=>{ const r=decodeRecord(text); return node.verify(pk,signingInput(r.cidBytes),r.signatures[0].signature) }, verify: ()=>verify(text,{trustedIssuers,now:NOW}) }
const keys=Object.keys(rows); const res=Object.fromEntries(keys.map(k=>[k,[]]))
for (let round=0; round<40; round++) for (let j=0;j<keys.length;j++) { const k=keys[(round+j)%keys.length]
  const c0=process.cpuUsage(); for(let i=0;i<1000;i++) await rows[k](); const c=process.cpuUsage(c0)
  if (round>=4) res[k].push((c.user+c.system)/1000)
}
const med=(a)=>{const s=[...a].sort((x,y)=>x-y); return s[s.length>>1]}
console.log(keys.map(k=>`${k} ${med(res[k]).toFixed(1)}`).join(' | '), '| ratio', (med(res.raw)/med(res.verify)).toFixed(3))
