(module
  ;; 4 MiB from the start: enough for the usual rates and FFT sizes without memory.grow, which detaches the
  ;; old ArrayBuffer and so makes V8 slow down typed-array code in the whole thread from then on.
  (memory (export "memory") 64)
  ;; out[n] (f32) = sum_j kernel[phase*taps + j] * x[i0 + j] for n in [0, count), f64 arithmetic.
  ;; kernel, x: f64 arrays (byte addresses); taps: a multiple of 4.
  (func (export "polyphase")
    (param $kernel i32) (param $taps i32) (param $x i32) (param $out i32) (param $count i32)
    (param $phase i32) (param $i0 i32) (param $indexStep i32) (param $phaseStep i32) (param $up i32)
    (local $rowBytes i32) (local $k i32) (local $end i32) (local $xi i32) (local $a v128) (local $b v128)
    (local.set $rowBytes (i32.shl (local.get $taps) (i32.const 3)))
    (if (i32.le_s (local.get $count) (i32.const 0)) (then (return)))
    (loop $outputs
      (local.set $k (i32.add (local.get $kernel) (i32.mul (local.get $phase) (local.get $rowBytes))))
      (local.set $end (i32.add (local.get $k) (local.get $rowBytes)))
      (local.set $xi (i32.add (local.get $x) (i32.shl (local.get $i0) (i32.const 3))))
      (local.set $a (v128.const i64x2 0 0))
      (local.set $b (v128.const i64x2 0 0))
      (loop $taps
        (local.set $a (f64x2.add (local.get $a)
          (f64x2.mul (v128.load (local.get $k)) (v128.load (local.get $xi)))))
        (local.set $b (f64x2.add (local.get $b)
          (f64x2.mul (v128.load offset=16 (local.get $k)) (v128.load offset=16 (local.get $xi)))))
        (local.set $k (i32.add (local.get $k) (i32.const 32)))
        (local.set $xi (i32.add (local.get $xi) (i32.const 32)))
        (br_if $taps (i32.lt_u (local.get $k) (local.get $end))))
      (local.set $a (f64x2.add (local.get $a) (local.get $b)))
      (f32.store (local.get $out)
        (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a)))))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (local.set $phase (i32.add (local.get $phase) (local.get $phaseStep)))
      (local.set $i0 (i32.add (local.get $i0) (local.get $indexStep)))
      (if (i32.ge_s (local.get $phase) (local.get $up))
        (then
          (local.set $phase (i32.sub (local.get $phase) (local.get $up)))
          (local.set $i0 (i32.add (local.get $i0) (i32.const 1)))))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br_if $outputs (i32.gt_s (local.get $count) (i32.const 0))))))
