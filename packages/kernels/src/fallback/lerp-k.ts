import { add, mul, tensor, tidy, zeros, type Tensor } from '@tensorflow/tfjs-core';
import { MixzooError } from '@mixzoo/core';
import type { KWayTable } from '../kway.js';
import { asFloat, pick } from './common.js';

/**
 * mixLerpK from differentiable tfjs ops: rows are padded to the longest with zero-weight terms,
 * then term slot k contributes pick(xb, index_k) · w_k (w broadcast per sample).
 */
export function mixLerpKComposed(x: Tensor, xb: Tensor, table: KWayTable): Tensor {
  const batch = table.starts.length - 1;
  const rest = x.shape.slice(1);
  return tidy(() => {
    if (batch === 0) return zeros([0, ...rest], 'float32');
    const { starts, index, weight } = table;
    const slots = Math.max(...Array.from({ length: batch }, (_, i) => starts[i + 1] - starts[i]));
    const source = asFloat(xb);
    let out: Tensor | undefined;
    for (let k = 0; k < slots; k++) {
      const idx = new Int32Array(batch);
      const w = new Float32Array(batch);
      for (let i = 0; i < batch; i++) {
        const t = starts[i] + k;
        if (t < starts[i + 1]) {
          idx[i] = index[t];
          w[i] = weight[t];
        }
      }
      const term = mul(pick(source, idx), tensor(w, [batch, ...rest.map(() => 1)], 'float32'));
      out = out ? add(out, term) : term;
    }
    if (out === undefined) throw new MixzooError('E_PLAN', 'mixLerpK: every sample needs at least one weighted term.');
    return out;
  });
}
