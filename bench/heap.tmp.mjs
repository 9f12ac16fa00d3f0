import { issue, signerFromSeed, decodeRecord } from 'counterfoil'
import v8 from 'node:v8'; import fs from 'node:fs'
const seedOf=(tag)=>Uint8Array.from({length:32},(_,i)=>(tag*31+i*7+1)&0xff)
const CLAIMS = { order: 'ORD-2026-118734', store: { name: 'Kettle & Co', address: '12 Rue de la Paix, 75002 Paris', vatId: 'FR40303265045' },
  items: [ { sku: 'KETTLE-2', name: 'Electric kettle 1.7 l, brushed steel', qty: 1, price: 3990 }, { sku: 'FILTER-10', name: 'Limescale filter, pack of 10', qty: 2, price: 799 } ],
  currency: 'EUR', total: 5588, vat: 931, payment: 'card' }
const IAT=1_767_225_600
const shop=await signerFromSeed(seedOf(1)); const customer=await signerFromSeed(seedOf(2))
const texts=[]; for(let i=0;i<2000;i++) texts.push((await issue({signer:shop,subject:i%2?customer.did:shop.did,type:'purchase',claims:CLAIMS,issuedAt:IAT,expiresIn:2*365*86400})).toString())
function agg(){ const f=v8.writeHeapSnapshot('/tmp/h.heapsnapshot'); const snap=JSON.parse(fs.readFileSync(f)); const m=snap.snapshot.meta; const nf=m.node_fields.length; const types=m.node_types[0]; const out=new Map()
 for(let i=0;i<snap.nodes.length;i+=nf){ const t=types[snap.nodes[i]]; const name=snap.strings[snap.nodes[i+1]]; const size=snap.nodes[i+3]; const key=t==='object'||t==='native'||t==='hidden'||t==='code'?t+':'+name.slice(0,40):t; const o=out.get(key)||[0,0]; o[0]+=size; o[1]++; out.set(key,o)} return out }
global.gc?.()
const a=agg()
const recs=texts.map(t=>decodeRecord(t))
global.gc?.()
const b=agg()
const rows=[]; for(const [k,[s,c]] of b){ const [s0,c0]=a.get(k)||[0,0]; if(s-s0>2000*8) rows.push([k,(s-s0)/2000,(c-c0)/2000]) }
{ const f=v8.writeHeapSnapshot('/tmp/h2.heapsnapshot'); const snap=JSON.parse(fs.readFileSync(f)); const m=snap.snapshot.meta; const nf=m.node_fields.length; const types=m.node_types[0]; const cnt=new Map()
 for(let i=0;i<snap.nodes.length;i+=nf){ const t=types[snap.nodes[i]]; if(t!=='string'&&t!=='concatenated string'&&t!=='sliced string') continue; const name=t+':'+snap.strings[snap.nodes[i+1]].slice(0,60); cnt.set(name,(cnt.get(name)||0)+1)}
 for(const [k,v] of [...cnt].sort((a,b)=>b[1]-a[1]).slice(0,12)) console.log(v,k) }
rows.sort((x,y)=>y[1]-x[1]); for(const r of rows) console.log(r[0].padEnd(50), r[1].toFixed(0),'B', r[2].toFixed(2),'objs')
console.log(recs.length)
