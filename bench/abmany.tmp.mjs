import { issue, signerFromSeed, verifyMany, selectBackend, signingInput } from 'counterfoil'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600, NOW=IAT+86400
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const others = await Promise.all([3, 4].map(async (t) => (await signerFromSeed(seedOf(t))).did))
const trustedIssuers=[...others, shop.did]
const rec=await issue({signer:shop,subject:customer.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})
const texts=[]; for(let i=0;i<10000;i++) texts.push((await issue({signer:shop,subject:i%2?customer.did:shop.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})).toString())
const node=await selectBackend('node'); await selectBackend('auto')
const msg=signingInput(rec.cid), sig=rec.signatures[0].signature, pk=shop.publicKey
const N=10000
const rows={ raw64: async()=>{ let next=0; await Promise.all(Array.from({length:64},async()=>{while(next<N){next++; await node.verifyConcurrent(pk,msg,sig)}}))}, many: ()=>verifyMany(texts,{trustedIssuers,now:NOW}) }
import fs from 'node:fs'
import { PerformanceObserver } from 'node:perf_hooks'
let gcMs=0, gcMinor=0, gcMajor=0; new PerformanceObserver((l)=>{ for(const e of l.getEntries()){ gcMs+=e.duration; if(e.detail?.kind===1) gcMinor+=e.duration; else gcMajor+=e.duration } }).observe({entryTypes:['gc']})
const mainUs=()=>{ const f=fs.readFileSync(`/proc/self/task/${process.pid}/stat`,'utf8'); const parts=f.slice(f.lastIndexOf(')')+2).split(' '); return (Number(parts[11])+Number(parts[12]))*1e4 }
const res={raw64:[],many:[]}
const rounds=+(process.env.ROUNDS||12)
for (let round=0; round<rounds; round++) for (const k of (round%2?['raw64','many']:['many','raw64'])) {
  const g0=gcMs, gm0=gcMinor; const m0=mainUs(); const c0=process.cpuUsage(); const t=performance.now(); await rows[k](); const dt=performance.now()-t; const c=process.cpuUsage(c0); const mu=mainUs()-m0
  if (round>=2) res[k].push({rate:N/dt*1000, cpu:(c.user+c.system)/N, main:mu/N, gc:(gcMs-g0)*1000/N, minor:(gcMinor-gm0)*1000/N})
}
const med=(a)=>{const s=[...a].sort((x,y)=>x-y); return s[s.length>>1]}
const r=med(res.raw64.map(x=>x.rate)), m=med(res.many.map(x=>x.rate)), rc=med(res.raw64.map(x=>x.cpu)), mc=med(res.many.map(x=>x.cpu))
console.log(`gc pause µs/record: raw64 ${med(res.raw64.map(x=>x.gc)).toFixed(1)} many ${med(res.many.map(x=>x.gc)).toFixed(1)} (minor ${med(res.many.map(x=>x.minor)).toFixed(1)})`)
const rm=med(res.raw64.map(x=>x.main)), mm=med(res.many.map(x=>x.main))
console.log(`raw64 ${r.toFixed(0)}/s ${rc.toFixed(1)} cpu (main ${rm.toFixed(1)}) | many ${m.toFixed(0)}/s ${mc.toFixed(1)} cpu (main ${mm.toFixed(1)}) | ratio ${(m/r).toFixed(3)} cpu ${(rc/mc).toFixed(3)}`)
