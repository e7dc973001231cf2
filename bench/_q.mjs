import * as tf from '@tensorflow/tfjs-core';
import { mixLerp, maskBlend } from '@mixzoo/kernels';
import { setHeapKernelsEnabled } from '../packages/kernels/dist/wasm/instance.js';
await tf.setBackend('wasm');
for (const shape of [[64,224,224,3],[256,32,32,3]]) {
  const [B,H,W]=shape; const n=shape.reduce((a,b)=>a*b);
  const data=new Float32Array(n); for (let i=0;i<n;i++) data[i]=(i*7919%1000)/1000;
  const x=tf.tensor(data, shape); const partner=Array.from({length:B},(_, i)=>(i*5+3)%B); const lambda=partner.map((_, i)=>0.1+0.8*((i*37)%100)/100);
  const m=tf.tensor(Float32Array.from({length:H*W},(_, i)=>(i%7)/7), [1,H,W]);
  const dst=new Float32Array(n);
  const t={simd:[],js:[],set:[],mask:[]};
  for (let r=0;r<25;r++){
    let s=performance.now(); dst.set(data); t.set.push(performance.now()-s);
    setHeapKernelsEnabled(true); s=performance.now(); mixLerp(x,partner,lambda).dispose(); t.simd.push(performance.now()-s);
    s=performance.now(); maskBlend(x,partner,m).dispose(); t.mask.push(performance.now()-s);
    setHeapKernelsEnabled(false); s=performance.now(); mixLerp(x,partner,lambda).dispose(); t.js.push(performance.now()-s);
  }
  const med=a=>a.sort((p,q)=>p-q)[a.length>>1];
  console.log(shape.join('x'), Object.fromEntries(Object.entries(t).map(([k,v])=>[k,med(v).toFixed(3)])));
  x.dispose(); m.dispose();
}
