;; mixzoo's in-place kernels for the tfjs wasm backend: WebAssembly SIMD (f32x4) loops that read
;; and write tensor data where tfjs keeps it, in tfjs's own WebAssembly.Memory (imported).
;;
;; Rules, because the memory belongs to tfjs (Emscripten):
;; - no data segments, no globals, no allocation, never memory.grow: Emscripten only refreshes its
;;   views when it grows the memory itself, and owns every byte of it;
;; - every pointer is a byte offset that tfjs handed out (8-byte aligned only): loads and stores
;;   give align=4, which never traps, and lengths need not be multiples of 4 (scalar tails);
;; - one function per loop, called once per sample from JS; the JS side picks the function and
;;   computes the pointers, so adding a kernel is adding an exported function here.
;;
;; This file is a template, expanded by scripts/build-wasm.mjs before wat2wasm:
;; - `@MEMORY@`: the memory import (plain, or shared for tfjs's threaded build);
;; - `;;@each T=f32,i32 A=set,add` ... `;;@end`: the block once per combination, `{T}` and `{A}`
;;   replaced (T = the element type of the inputs, A = write or accumulate into out);
;; - `{LOAD4 $p}` / `{LOAD1 $p}`: 4 values / 1 value at $p, converted to f32 (exact for f32; i32
;;   rounds to nearest like JavaScript's Float32Array stores);
;; - `{ACC4 $p}` / `{ACC1 $p}`: nothing (A = set) or adds out's old value at $p (A = add);
;; - `{BLEND $w $a $b}`: w·a + (1 − w)·b lane-wise, but exactly a where w = 1 and exactly b where
;;   w = 0 (bit copies: int32 data under binary masks, -0, NaN and ±Inf stay what they were).
(module
  @MEMORY@

  ;; Copies `bytes` bytes (λ = 0 or 1, untouched samples, rows).
  (func (export "copy") (param $to i32) (param $from i32) (param $bytes i32)
    (memory.copy (local.get $to) (local.get $from) (local.get $bytes)))

  ;; One patch of pastePatches: `rows` runs of `bytes` bytes from $src to $out, both advancing by
  ;; `stride` bytes (an image row) per run. One memory.copy per row.
  (func (export "paste_rows") (param $out i32) (param $src i32) (param $rows i32) (param $bytes i32) (param $stride i32)
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (memory.copy (local.get $out) (local.get $src) (local.get $bytes))
        (local.set $out (i32.add (local.get $out) (local.get $stride)))
        (local.set $src (i32.add (local.get $src) (local.get $stride)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; One sample with a single patch (CutMix), every output byte written once: the sample $a
  ;; (`height` rows of `row` bytes) with rows [y0, y1) replaced, from byte `left` of the row on,
  ;; by `len` bytes from the patch source $src (whose rows are also `row` bytes apart). Rows
  ;; outside the box go as one block each side; rows inside as own | patch | own.
  (func (export "paste_box") (param $out i32) (param $a i32) (param $src i32) (param $row i32) (param $height i32)
    (param $y0 i32) (param $y1 i32) (param $left i32) (param $len i32)
    (local $o i32) (local $s i32) (local $end i32) (local $right i32)
    (memory.copy (local.get $out) (local.get $a) (i32.mul (local.get $y0) (local.get $row)))
    (local.set $o (i32.add (local.get $out) (i32.mul (local.get $y0) (local.get $row))))
    (local.set $s (i32.add (local.get $a) (i32.mul (local.get $y0) (local.get $row))))
    (local.set $end (i32.add (local.get $out) (i32.mul (local.get $y1) (local.get $row))))
    (local.set $right (i32.add (local.get $left) (local.get $len)))
    (block $done
      (loop $box_row
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (memory.copy (local.get $o) (local.get $s) (local.get $left))
        (memory.copy (i32.add (local.get $o) (local.get $left)) (local.get $src) (local.get $len))
        (memory.copy (i32.add (local.get $o) (local.get $right)) (i32.add (local.get $s) (local.get $right))
          (i32.sub (local.get $row) (local.get $right)))
        (local.set $o (i32.add (local.get $o) (local.get $row)))
        (local.set $s (i32.add (local.get $s) (local.get $row)))
        (local.set $src (i32.add (local.get $src) (local.get $row)))
        (br $box_row)))
    (memory.copy (local.get $o) (local.get $s) (i32.mul (i32.sub (local.get $height) (local.get $y1)) (local.get $row))))

  ;;@each T=f32,i32 A=set,add
  ;; out[k] (+)= wa·a[k] + wb·b[k], k < n: mixLerp (A = set), mixLerpK's pairs of terms.
  (func (export "lerp_{T}_{A}") (param $o i32) (param $a i32) (param $b i32) (param $n i32) (param $wa f32) (param $wb f32)
    (local $end i32) (local $va v128) (local $vb v128)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $va (f32x4.splat (local.get $wa)))
    (local.set $vb (f32x4.splat (local.get $wb)))
    (block $tail
      (loop $body
        (br_if $tail (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.get $o)
        (f32x4.add (f32x4.mul (local.get $va) {LOAD4 $a}) (f32x4.mul (local.get $vb) {LOAD4 $b}))
        {ACC4 $o}
        (v128.store align=4)
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $body)))
    (block $done
      (loop $body
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.get $o)
        (f32.add (f32.mul (local.get $wa) {LOAD1 $a}) (f32.mul (local.get $wb) {LOAD1 $b}))
        {ACC1 $o}
        (f32.store align=4)
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (br $body))))

  ;; out[k] (+)= w·a[k], k < n: a lone term of mixLerpK, and int32 → float32 copies (w = 1, exact).
  (func (export "scale_{T}_{A}") (param $o i32) (param $a i32) (param $n i32) (param $w f32)
    (local $end i32) (local $vw v128)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vw (f32x4.splat (local.get $w)))
    (block $tail
      (loop $body
        (br_if $tail (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.get $o)
        (f32x4.mul (local.get $vw) {LOAD4 $a})
        {ACC4 $o}
        (v128.store align=4)
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $body)))
    (block $done
      (loop $body
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.get $o)
        (f32.mul (local.get $w) {LOAD1 $a})
        {ACC1 $o}
        (f32.store align=4)
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $body))))
  ;;@end

  ;; One sample of maskBlend: out = m·a + (1 − m)·b with the mask m (one float32 per pixel)
  ;; broadcast over the channels; exact copies where m is 0 or 1, so the same function is the
  ;; hard-mask select of int32 data (whose masks are binary). Pixels [0, pixels), 4 bytes a value.
  ;; Vector paths for 1 and 3 channels (4 pixels a step); every other pixel goes through $pixels.
  (func (export "mask_blend") (param $o i32) (param $a i32) (param $b i32) (param $m i32) (param $pixels i32) (param $channels i32)
    (local $p i32) (local $w v128) (local $x v128) (local $y v128) (local $wk v128)
    (if (i32.eq (local.get $channels) (i32.const 1))
      (then
        (block $end
          (loop $body
            (br_if $end (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $pixels)))
            (local.set $w (v128.load align=4 (local.get $m)))
            (local.set $x (v128.load align=4 (local.get $a)))
            (local.set $y (v128.load align=4 (local.get $b)))
            (v128.store align=4 (local.get $o) {BLEND $w $x $y})
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $body)))))
    (if (i32.eq (local.get $channels) (i32.const 3))
      (then
        (block $end
          (loop $body
            (br_if $end (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $pixels)))
            ;; 4 pixels = 12 values = 3 vectors; mask lanes m0..m3 spread as
            ;; [m0 m0 m0 m1] [m1 m1 m2 m2] [m2 m3 m3 m3].
            (local.set $w (v128.load align=4 (local.get $m)))
            (local.set $wk (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 4 5 6 7 (local.get $w) (local.get $w)))
            (local.set $x (v128.load align=4 (local.get $a)))
            (local.set $y (v128.load align=4 (local.get $b)))
            (v128.store align=4 (local.get $o) {BLEND $wk $x $y})
            (local.set $wk (i8x16.shuffle 4 5 6 7 4 5 6 7 8 9 10 11 8 9 10 11 (local.get $w) (local.get $w)))
            (local.set $x (v128.load offset=16 align=4 (local.get $a)))
            (local.set $y (v128.load offset=16 align=4 (local.get $b)))
            (v128.store offset=16 align=4 (local.get $o) {BLEND $wk $x $y})
            (local.set $wk (i8x16.shuffle 8 9 10 11 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $w) (local.get $w)))
            (local.set $x (v128.load offset=32 align=4 (local.get $a)))
            (local.set $y (v128.load offset=32 align=4 (local.get $b)))
            (v128.store offset=32 align=4 (local.get $o) {BLEND $wk $x $y})
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (local.set $o (i32.add (local.get $o) (i32.const 48)))
            (local.set $a (i32.add (local.get $a) (i32.const 48)))
            (local.set $b (i32.add (local.get $b) (i32.const 48)))
            (br $body)))))
    (call $pixels (local.get $o) (local.get $a) (local.get $b) (local.get $m)
      (i32.sub (local.get $pixels) (local.get $p)) (local.get $channels)))

  ;; maskBlend's mask check: the index of the first of n float32 values at $m that lies outside
  ;; [0, 1] (NaN included) or, when $binary, is not exactly 0 or 1; -1 if none. 4 values a step;
  ;; a step with a bad lane hands over to the scalar loop, which finds that lane.
  (func (export "mask_check") (param $m i32) (param $n i32) (param $binary i32) (result i32)
    (local $i i32) (local $v v128) (local $s f32)
    (block $scalar
      (loop $body
        (br_if $scalar (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $v (v128.load align=4 (local.get $m)))
        (br_if $scalar (i32.eqz (i32x4.all_true
          (if (result v128) (local.get $binary)
            (then (v128.or (f32x4.eq (local.get $v) (v128.const f32x4 0 0 0 0)) (f32x4.eq (local.get $v) (v128.const f32x4 1 1 1 1))))
            (else (v128.and (f32x4.ge (local.get $v) (v128.const f32x4 0 0 0 0)) (f32x4.le (local.get $v) (v128.const f32x4 1 1 1 1))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (br $body)))
    (block $done
      (loop $body
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (f32.load align=4 (local.get $m)))
        (if (i32.eqz
              (if (result i32) (local.get $binary)
                (then (i32.or (f32.eq (local.get $s) (f32.const 0)) (f32.eq (local.get $s) (f32.const 1))))
                (else (i32.and (f32.ge (local.get $s) (f32.const 0)) (f32.le (local.get $s) (f32.const 1))))))
          (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $body)))
    (i32.const -1))

  ;; mask_blend for any channel count, pixel by pixel: the channels 4 at a time, then one by one
  ;; (the scalar step moves bits as i32 so int32 data is copied untouched).
  (func $pixels (param $o i32) (param $a i32) (param $b i32) (param $m i32) (param $pixels i32) (param $channels i32)
    (local $p i32) (local $c i32) (local $s f32) (local $w v128) (local $x v128) (local $y v128)
    (block $end
      (loop $pixel
        (br_if $end (i32.ge_u (local.get $p) (local.get $pixels)))
        (local.set $s (f32.load align=4 (local.get $m)))
        (local.set $w (f32x4.splat (local.get $s)))
        (local.set $c (i32.const 0))
        (block $vectors
          (loop $body
            (br_if $vectors (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $channels)))
            (local.set $x (v128.load align=4 (local.get $a)))
            (local.set $y (v128.load align=4 (local.get $b)))
            (v128.store align=4 (local.get $o) {BLEND $w $x $y})
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $body)))
        (block $values
          (loop $body
            (br_if $values (i32.ge_u (local.get $c) (local.get $channels)))
            (i32.store align=4 (local.get $o)
              (select
                (i32.load align=4 (local.get $a))
                (select
                  (i32.load align=4 (local.get $b))
                  (i32.reinterpret_f32
                    (f32.add
                      (f32.mul (local.get $s) (f32.load align=4 (local.get $a)))
                      (f32.mul (f32.sub (f32.const 1) (local.get $s)) (f32.load align=4 (local.get $b)))))
                  (f32.eq (local.get $s) (f32.const 0)))
                (f32.eq (local.get $s) (f32.const 1))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (br $body)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $pixel))))

  ;; One sample of pasteResized on float32 data: the whole source image (H×W×C values at $src)
  ;; resized to h×w and written into the box whose first value is at $out (rows W·C values
  ;; apart). Bilinear, half-pixel centres, computed in f64 exactly like the JS loop (same
  ;; operations in the same order), so both give the same float32 values. Scalar: each output
  ;; value reads 4 source values at data-dependent places, which SIMD cannot gather.
  (func (export "resize_bilinear") (param $out i32) (param $src i32) (param $H i32) (param $W i32) (param $C i32) (param $h i32) (param $w i32)
    (local $row i32) (local $pixel i32) (local $rowRatio f64) (local $colRatio f64) (local $r i32) (local $c i32) (local $k i32)
    (local $s f64) (local $lo i32) (local $fy f64) (local $fx f64) (local $top i32) (local $bottom i32) (local $left i32) (local $right i32)
    (local $d i32) (local $tl f64) (local $bl f64) (local $up f64)
    (local.set $pixel (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.mul (local.get $W) (local.get $pixel)))
    (local.set $rowRatio (f64.div (f64.convert_i32_s (local.get $H)) (f64.convert_i32_s (local.get $h))))
    (local.set $colRatio (f64.div (f64.convert_i32_s (local.get $W)) (f64.convert_i32_s (local.get $w))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $h)))
        (local.set $s (f64.sub (f64.mul (local.get $rowRatio) (f64.add (f64.convert_i32_s (local.get $r)) (f64.const 0.5))) (f64.const 0.5)))
        (local.set $lo (i32.trunc_f64_s (f64.max (f64.const 0) (f64.floor (local.get $s)))))
        (local.set $fy (f64.sub (local.get $s) (f64.convert_i32_s (local.get $lo))))
        (local.set $top (i32.add (local.get $src) (i32.mul (local.get $lo) (local.get $row))))
        (local.set $bottom (i32.add (local.get $src) (i32.mul (local.get $row)
          (i32.trunc_f64_s (f64.min (f64.convert_i32_s (i32.sub (local.get $H) (i32.const 1))) (f64.ceil (local.get $s)))))))
        (local.set $d (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $row))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $c) (local.get $w)))
            (local.set $s (f64.sub (f64.mul (local.get $colRatio) (f64.add (f64.convert_i32_s (local.get $c)) (f64.const 0.5))) (f64.const 0.5)))
            (local.set $lo (i32.trunc_f64_s (f64.max (f64.const 0) (f64.floor (local.get $s)))))
            (local.set $fx (f64.sub (local.get $s) (f64.convert_i32_s (local.get $lo))))
            (local.set $left (i32.mul (local.get $lo) (local.get $pixel)))
            (local.set $right (i32.mul (local.get $pixel)
              (i32.trunc_f64_s (f64.min (f64.convert_i32_s (i32.sub (local.get $W) (i32.const 1))) (f64.ceil (local.get $s))))))
            (local.set $k (i32.const 0))
            (block $values_done
              (loop $values
                (br_if $values_done (i32.ge_s (local.get $k) (local.get $pixel)))
                (local.set $tl (f64.promote_f32 (f32.load (i32.add (local.get $top) (i32.add (local.get $left) (local.get $k))))))
                (local.set $bl (f64.promote_f32 (f32.load (i32.add (local.get $bottom) (i32.add (local.get $left) (local.get $k))))))
                (local.set $up (f64.add (local.get $tl) (f64.mul (local.get $fx)
                  (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $top) (i32.add (local.get $right) (local.get $k))))) (local.get $tl)))))
                (local.set $bl (f64.add (local.get $bl) (f64.mul (local.get $fx)
                  (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $bottom) (i32.add (local.get $right) (local.get $k))))) (local.get $bl)))))
                (f32.store (local.get $d)
                  (f32.demote_f64 (f64.add (local.get $up) (f64.mul (f64.sub (local.get $bl) (local.get $up)) (local.get $fy)))))
                (local.set $d (i32.add (local.get $d) (i32.const 4)))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $values)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; pasteResized on int32 data: nearest neighbour, half-pixel centres (source index
  ;; min(n − 1, floor((k + 0.5)·n/size))), values copied as they are. Same arguments as above.
  (func (export "resize_nearest") (param $out i32) (param $src i32) (param $H i32) (param $W i32) (param $C i32) (param $h i32) (param $w i32)
    (local $row i32) (local $pixel i32) (local $rowRatio f64) (local $colRatio f64) (local $r i32) (local $c i32) (local $k i32)
    (local $line i32) (local $from i32) (local $d i32)
    (local.set $pixel (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.mul (local.get $W) (local.get $pixel)))
    (local.set $rowRatio (f64.div (f64.convert_i32_s (local.get $H)) (f64.convert_i32_s (local.get $h))))
    (local.set $colRatio (f64.div (f64.convert_i32_s (local.get $W)) (f64.convert_i32_s (local.get $w))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $h)))
        (local.set $line (i32.add (local.get $src) (i32.mul (local.get $row)
          (call $nearest (local.get $r) (local.get $rowRatio) (local.get $H)))))
        (local.set $d (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $row))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $c) (local.get $w)))
            (local.set $from (i32.add (local.get $line) (i32.mul (local.get $pixel)
              (call $nearest (local.get $c) (local.get $colRatio) (local.get $W)))))
            (local.set $k (i32.const 0))
            (block $values_done
              (loop $values
                (br_if $values_done (i32.ge_s (local.get $k) (local.get $pixel)))
                (i32.store (local.get $d) (i32.load (i32.add (local.get $from) (local.get $k))))
                (local.set $d (i32.add (local.get $d) (i32.const 4)))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $values)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; max(0, min(n − 1, floor(ratio·(k + 0.5)))), in f64 like the JS.
  (func $nearest (param $k i32) (param $ratio f64) (param $n i32) (result i32)
    (i32.trunc_f64_s (f64.max (f64.const 0) (f64.min (f64.convert_i32_s (i32.sub (local.get $n) (i32.const 1)))
      (f64.floor (f64.mul (local.get $ratio) (f64.add (f64.convert_i32_s (local.get $k)) (f64.const 0.5))))))))

  ;; One sample of remap: output pixel (r, c) copies the C values of source pixel
  ;; (ya·r + yb·c + yt, xa·r + xb·c + xt), folded into the image by the border mode (0 constant:
  ;; the pixel gets `fill`, bits as stored; 1 reflect; 2 edge). Straight maps (yb = 0, xb = 1)
  ;; copy each row's in-image run with one memory.copy; other pixels go one by one. Values are
  ;; moved as bits (i32), so float32 and int32 images alike come out exact.
  (func (export "remap") (param $out i32) (param $src i32) (param $H i32) (param $W i32) (param $C i32)
    (param $ya i32) (param $yb i32) (param $yt i32) (param $xa i32) (param $xb i32) (param $xt i32) (param $border i32) (param $fill i32)
    (local $pixel i32) (local $row i32) (local $r i32) (local $c i32) (local $k i32) (local $c0 i32) (local $c1 i32)
    (local $sy i32) (local $sx i32) (local $d i32) (local $from i32)
    (local.set $pixel (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.mul (local.get $W) (local.get $pixel)))
    ;; The in-image run of straight rows: c in [c0, c1) reads column c + xt.
    (if (i32.and (i32.eqz (local.get $yb)) (i32.eq (local.get $xb) (i32.const 1)))
      (then
        (local.set $c0 (call $clamp (i32.sub (i32.const 0) (local.get $xt)) (local.get $W)))
        (local.set $c1 (call $clamp (i32.sub (local.get $W) (local.get $xt)) (local.get $W)))
        (if (i32.lt_s (local.get $c1) (local.get $c0)) (then (local.set $c1 (local.get $c0))))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $H)))
        (local.set $d (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $row))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $c) (local.get $W)))
            (if (i32.and (i32.eq (local.get $c) (local.get $c0)) (i32.lt_s (local.get $c0) (local.get $c1)))
              (then
                (local.set $sy (call $fold (i32.add (i32.mul (local.get $ya) (local.get $r)) (local.get $yt)) (local.get $H) (local.get $border)))
                (if (i32.ge_s (local.get $sy) (i32.const 0))
                  (then
                    (memory.copy
                      (i32.add (local.get $d) (i32.mul (local.get $c0) (local.get $pixel)))
                      (i32.add (i32.add (local.get $src) (i32.mul (local.get $sy) (local.get $row)))
                        (i32.mul (i32.add (local.get $c0) (local.get $xt)) (local.get $pixel)))
                      (i32.mul (i32.sub (local.get $c1) (local.get $c0)) (local.get $pixel)))
                    (local.set $c (local.get $c1))
                    (br $cols)))))
            (local.set $sy (call $fold
              (i32.add (i32.add (i32.mul (local.get $ya) (local.get $r)) (i32.mul (local.get $yb) (local.get $c))) (local.get $yt))
              (local.get $H) (local.get $border)))
            (local.set $sx (call $fold
              (i32.add (i32.add (i32.mul (local.get $xa) (local.get $r)) (i32.mul (local.get $xb) (local.get $c))) (local.get $xt))
              (local.get $W) (local.get $border)))
            (local.set $from (i32.const -1))
            (if (i32.and (i32.ge_s (local.get $sy) (i32.const 0)) (i32.ge_s (local.get $sx) (i32.const 0)))
              (then (local.set $from (i32.add (local.get $src)
                (i32.add (i32.mul (local.get $sy) (local.get $row)) (i32.mul (local.get $sx) (local.get $pixel)))))))
            (local.set $k (i32.add (local.get $d) (i32.mul (local.get $c) (local.get $pixel))))
            (local.set $sx (i32.add (local.get $k) (local.get $pixel)))
            (block $values_done
              (loop $values
                (br_if $values_done (i32.ge_u (local.get $k) (local.get $sx)))
                (if (i32.lt_s (local.get $from) (i32.const 0))
                  (then (i32.store (local.get $k) (local.get $fill)))
                  (else
                    (i32.store (local.get $k) (i32.load (local.get $from)))
                    (local.set $from (i32.add (local.get $from) (i32.const 4)))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $values)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; v clamped to [0, n].
  (func $clamp (param $v i32) (param $n i32) (result i32)
    (select (i32.const 0)
      (select (local.get $n) (local.get $v) (i32.gt_s (local.get $v) (local.get $n)))
      (i32.lt_s (local.get $v) (i32.const 0))))

  ;; Index i folded into [0, n) by the border mode, or -1 (constant: a fill pixel). Reflect has
  ;; period 2(n − 1) (−1 → 1, n → n − 2); a 1-pixel axis always reads pixel 0.
  (func $fold (param $i i32) (param $n i32) (param $border i32) (result i32)
    (local $period i32) (local $m i32)
    (if (i32.lt_u (local.get $i) (local.get $n)) (then (return (local.get $i))))
    (if (i32.eqz (local.get $border)) (then (return (i32.const -1))))
    (if (i32.eq (local.get $border) (i32.const 1))
      (then
        (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 0))))
        (local.set $period (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))
        (local.set $m (i32.rem_s (i32.add (i32.rem_s (local.get $i) (local.get $period)) (local.get $period)) (local.get $period)))
        (return (select (local.get $m) (i32.sub (local.get $period) (local.get $m)) (i32.lt_s (local.get $m) (local.get $n))))))
    (select (i32.const 0) (i32.sub (local.get $n) (i32.const 1)) (i32.lt_s (local.get $i) (i32.const 0)))))
