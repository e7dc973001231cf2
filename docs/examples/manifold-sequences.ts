import { createZoo, tf } from 'mixzoo';
import { mixSequences, padSequences } from '@mixzoo/mixup';

// Three sentences of 2, 4 and 3 tokens (8-d embeddings), a sentence label each and one tag (of 5)
// per token. Ragged sequences become one padded batch [3, 4, 8] with its mask [3, 4].
export async function mixTaggedSentences() {
  const zoo = await createZoo({ seed: 7 });
  const mixer = zoo.create('mixup', { alpha: 0.4, mode: 'elem' });
  const sentences = [2, 4, 3].map((length, i) => tf.fill([length, 8], i + 1));
  const { inputs, mask } = padSequences(sentences);
  const tagIds = tf.tensor2d([[1, 2, 0, 0], [3, 3, 4, 1], [0, 2, 2, 0]], [3, 4], 'int32');
  const tags = tf.tidy(() => tf.cast(tf.oneHot(tagIds, 5), 'float32')); // one-hot floats: int32 ids cannot be blended
  const labels = tf.tensor1d([0, 1, 1], 'int32');

  // One plan for the sentences, their labels and their tags; the mixed mask is the OR of both masks.
  const out = mixSequences(mixer, { inputs, mask, labels, numClasses: 2, targets: { tags } });

  tf.dispose([...sentences, inputs, mask, tagIds, tags, labels]);
  return out; // inputs [3, 4, 8], mask [3, 4], labels [3, 2], targets.tags [3, 4, 5], plan
}
