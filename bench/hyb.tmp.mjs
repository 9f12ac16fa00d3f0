import crypto from 'node:crypto'
import { issue, signerFromSeed, signingInput } from 'counterfoil'
const seed=Uint8Array.from({length:32},(_,i)=>i*7+1)
const shop=await signerFromSeed(seed)
const rec=await issue({signer:shop,subject:shop.did,type:'purchase',claims:{a:1},issuedAt:1767225600})
const msg=Buffer.from(signingInput(rec.cid)), sig=Buffer.from(rec.signatures[0].signature)
const key=crypto.createPublicKey({key:Buffer.concat([Buffer.from('302a300506032b6570032100','hex'),shop.publicKey]),format:'der',type:'spki'})
const N=10000
function raw64(){ return new Promise(res=>{ let next=0, done=0; const go=()=>{ if(next>=N) return; next++; crypto.verify(null,msg,key,sig,(e,ok)=>{ done++; if(done===N) res(); else go() }) }; for(let i=0;i<64;i++) go() }) }
function hybrid(C, syncPer){ return new Promise(res=>{ let next=0, done=0; const finish=()=>{ done++; if(done===N) res() }
  const go=()=>{ if(next>=N) return; next++; crypto.verify(null,msg,key,sig,(e,ok)=>{ finish(); go(); for(let k=0;k<syncPer && next<N;k++){ next++; crypto.verify(null,msg,key,sig); finish() } }) }
  for(let i=0;i<C;i++) go() }) }
const variants={ raw64, h4_1:()=>hybrid(4,1), h8_1:()=>hybrid(8,1), h16_1:()=>hybrid(16,1), h64_1:()=>hybrid(64,1), sync:()=>new Promise(r=>{for(let i=0;i<N;i++) crypto.verify(null,msg,key,sig); r()}) }
const res=Object.fromEntries(Object.keys(variants).map(k=>[k,[]]))
const keys=Object.keys(variants)
for(let round=0;round<12;round++){ for(let j=0;j<keys.length;j++){ const k=keys[(round+j)%keys.length]; const c0=process.cpuUsage(); const t=performance.now(); await variants[k](); const dt=performance.now()-t; const c=process.cpuUsage(c0); if(round>=2) res[k].push([N/dt*1000,(c.user+c.system)/N]) } }
const med=(a)=>{const s=[...a].sort((x,y)=>x-y); return s[s.length>>1]}
for(const k of keys) console.log(k.padEnd(8), med(res[k].map(x=>x[0])).toFixed(0),'/s', med(res[k].map(x=>x[1])).toFixed(1),'µs cpu')
