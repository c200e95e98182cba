/**
 * WebAssembly text (SIMD) of @ser/models' training kernels, generated from small templates so that the
 * register-tiled loops are written once. `npm run build:wasm -w packages/ser-models` assembles it into
 * `src/generated/training-kernels-wasm.ts`.
 *
 * The module imports the tfjs wasm backend's own memory (`env.memory`), so every kernel reads and writes
 * tensors where they already are: no copies in or out. Every address is a byte offset into that memory;
 * strides are in bytes unless a name says otherwise. Nothing here allocates.
 *
 * Exports (each documented where it is generated):
 * - `gemm_nn`, `gemm_tn`, `pack_panels`: matrix products with a 5×8 / 4×8 register tile;
 * - `xform_R_C`: a small dense R×C matrix applied to runs of 4-float vectors (Winograd transforms);
 * - `bin_<op>_2d`: elementwise add/sub/mul/div/max/min with row and column broadcasting;
 * - `un_<op>`: relu, step, neg, square, sqrt; `sum_rows`, `sum_last`: reductions;
 * - `maxpool_1d`, `maxpool_1d_grad`, `batchnorm_rows`, `adam_update`.
 */

const lines = [];
const emit = (...parts) => lines.push(parts.join(' '));

/** (local.get $name) */
const get = (name) => `(local.get $${name})`;
const i32 = (value) => `(i32.const ${value})`;
const add = (a, b) => `(i32.add ${a} ${b})`;
const mul = (a, b) => `(i32.mul ${a} ${b})`;
/** (i32.shr_u x 3): a column index → its 8-column panel. */
const i32_shr = (x) => `(i32.shr_u ${x} ${i32(3)})`;
const locals = (type, names) => names.map((n) => `(local $${n} ${type})`).join(' ');

/**
 * A register tile of the matrix product C[rows × 8] (+)= Σ_s a(r, s) · B[s, 0..8).
 * mode 'nn': a(r, s) at a + r·lda + 4·s (rows of A, as in A·B); mode 'tn': a(r, s) at a + 4·r + s·lda
 * (columns of A, as in Aᵀ·B). B's row s is at b + s·ldb. acc ≠ 0 adds to C instead of overwriting it.
 */
function gemmTile(name, mode, rows) {
  const acc = [];
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) acc.push(`c${r}_${v}`);
  const rowPointers = mode === 'nn' ? Array.from({ length: rows }, (_, r) => `a${r}`) : [];
  emit(
    `(func $${name} (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)`,
    `(param $k i32) (param $acc i32)`,
    locals('i32', [...rowPointers, 'n', 'cr']),
    locals('v128', [...acc, 'b0', 'b1', 's']),
  );
  for (let r = 0; r < rowPointers.length; r++) emit(`(local.set $a${r} ${add(get('a'), mul(get('lda'), i32(r)))})`);
  emit('(if', get('acc'), '(then');
  for (let r = 0; r < rows; r++) {
    emit(`(local.set $cr ${add(get('c'), mul(get('ldc'), i32(r)))})`);
    for (let v = 0; v < 2; v++) emit(`(local.set $c${r}_${v} (v128.load offset=${v * 16} ${get('cr')}))`);
  }
  emit('))');
  emit(`(local.set $n ${get('k')})`);
  emit(`(block $done (br_if $done (i32.eqz ${get('n')})) (loop $step`);
  emit(`(local.set $b0 (v128.load ${get('b')}))`, `(local.set $b1 (v128.load offset=16 ${get('b')}))`);
  for (let r = 0; r < rows; r++) {
    emit(
      mode === 'nn'
        ? `(local.set $s (v128.load32_splat ${get(`a${r}`)}))`
        : `(local.set $s (v128.load32_splat offset=${4 * r} ${get('a')}))`,
    );
    for (let v = 0; v < 2; v++)
      emit(`(local.set $c${r}_${v} (f32x4.add ${get(`c${r}_${v}`)} (f32x4.mul ${get('s')} ${get(`b${v}`)})))`);
    if (mode === 'nn') emit(`(local.set $a${r} ${add(get(`a${r}`), i32(4))})`);
  }
  if (mode === 'tn') emit(`(local.set $a ${add(get('a'), get('lda'))})`);
  emit(`(local.set $b ${add(get('b'), get('ldb'))})`);
  emit(`(local.set $n (i32.sub ${get('n')} ${i32(1)}))`);
  emit(`(br_if $step ${get('n')})))`);
  for (let r = 0; r < rows; r++) {
    emit(`(local.set $cr ${add(get('c'), mul(get('ldc'), i32(r)))})`);
    for (let v = 0; v < 2; v++) emit(`(v128.store offset=${v * 16} ${get('cr')} ${get(`c${r}_${v}`)})`);
  }
  emit(')');
}

function gemm() {
  gemmTile('nn5', 'nn', 5);
  gemmTile('nn1', 'nn', 1);
  gemmTile('tn4', 'tn', 4);
  // gemm_nn(m, n, k, a, lda, b, ldb, panelStride, c, ldc, acc): C[m × n] (+)= A[m × k] · B[k × n]. lda, ldc in floats
  // (A's rows may overlap); B's columns j..j+8 start at b + (j/8)·panelStride with rows ldb bytes apart: packed
  // panels (pack_panels: ldb 32, panelStride 32·k) or B itself (ldb 4·n, panelStride 32); n a multiple of 8.
  emit(
    '(func (export "gemm_nn") (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $lda i32)',
    '(param $bp i32) (param $ldb i32) (param $panelStride i32) (param $c i32) (param $ldc i32) (param $acc i32)',
    locals('i32', ['j', 'i', 'panel', 'ldaB', 'ldcB', 'full']),
  );
  emit(`(local.set $ldaB ${mul(get('lda'), i32(4))})`, `(local.set $ldcB ${mul(get('ldc'), i32(4))})`);
  emit(`(local.set $full (i32.sub ${get('m')} (i32.rem_u ${get('m')} ${i32(5)})))`);
  emit(`(local.set $j ${i32(0)})`);
  emit(`(block $jdone (br_if $jdone (i32.eqz ${get('n')})) (loop $jloop`);
  emit(`(local.set $panel ${add(get('bp'), mul(i32_shr(get('j')), get('panelStride')))})`);
  emit(`(local.set $i ${i32(0)})`);
  emit(`(block $idone (br_if $idone (i32.ge_u ${get('i')} ${get('full')})) (loop $iloop`);
  emit(
    `(call $nn5 ${add(get('a'), mul(get('i'), get('ldaB')))} ${get('ldaB')} ${get('panel')} ${get('ldb')}`,
    `${add(get('c'), add(mul(get('i'), get('ldcB')), mul(get('j'), i32(4))))} ${get('ldcB')} ${get('k')} ${get('acc')})`,
  );
  emit(`(local.set $i ${add(get('i'), i32(5))})`, `(br_if $iloop (i32.lt_u ${get('i')} ${get('full')}))))`);
  emit(`(block $rdone (br_if $rdone (i32.ge_u ${get('i')} ${get('m')})) (loop $rloop`);
  emit(
    `(call $nn1 ${add(get('a'), mul(get('i'), get('ldaB')))} ${get('ldaB')} ${get('panel')} ${get('ldb')}`,
    `${add(get('c'), add(mul(get('i'), get('ldcB')), mul(get('j'), i32(4))))} ${get('ldcB')} ${get('k')} ${get('acc')})`,
  );
  emit(`(local.set $i ${add(get('i'), i32(1))})`, `(br_if $rloop (i32.lt_u ${get('i')} ${get('m')}))))`);
  emit(`(local.set $j ${add(get('j'), i32(8))})`, `(br_if $jloop (i32.lt_u ${get('j')} ${get('n')}))))`);
  emit(')');
  // gemm_tn(m, n, k, a, lda, b, ldb, c, ldc, acc): C[m × n] (+)= Σ_{s<k} A[s, 0..m)ᵀ ⊗ B[s, 0..n): A is k rows of
  // lda floats, B k rows of ldb floats, C rows of ldc floats; m a multiple of 4, n a multiple of 8.
  emit(
    '(func (export "gemm_tn") (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $lda i32)',
    '(param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32) (param $acc i32)',
    locals('i32', ['j', 'i', 'ldaB', 'ldbB', 'ldcB']),
  );
  emit(
    `(local.set $ldaB ${mul(get('lda'), i32(4))})`,
    `(local.set $ldbB ${mul(get('ldb'), i32(4))})`,
    `(local.set $ldcB ${mul(get('ldc'), i32(4))})`,
  );
  emit(`(local.set $j ${i32(0)})`);
  emit(`(block $jdone (br_if $jdone (i32.eqz ${get('n')})) (loop $jloop`);
  emit(`(local.set $i ${i32(0)})`);
  emit(`(block $idone (br_if $idone (i32.eqz ${get('m')})) (loop $iloop`);
  emit(
    `(call $tn4 ${add(get('a'), mul(get('i'), i32(4)))} ${get('ldaB')} ${add(get('b'), mul(get('j'), i32(4)))} ${get('ldbB')}`,
    `${add(get('c'), add(mul(get('i'), get('ldcB')), mul(get('j'), i32(4))))} ${get('ldcB')} ${get('k')} ${get('acc')})`,
  );
  emit(`(local.set $i ${add(get('i'), i32(4))})`, `(br_if $iloop (i32.lt_u ${get('i')} ${get('m')}))))`);
  emit(`(local.set $j ${add(get('j'), i32(8))})`, `(br_if $jloop (i32.lt_u ${get('j')} ${get('n')}))))`);
  emit(')');
  // pack_panels(k, n, b, ldb, out): copies B[k × n] (rows of ldb floats) into panels of 8 columns,
  // out[(j/8)·k·8 + s·8 + (j mod 8)] = B[s, j], columns past n zero (ceil(n/8) panels).
  emit(
    '(func (export "pack_panels") (param $k i32) (param $n i32) (param $b i32) (param $ldb i32) (param $out i32)',
    locals('i32', ['s', 'j', 'col', 'dst']),
  );
  emit(`(local.set $dst ${get('out')})`, `(local.set $j ${i32(0)})`);
  emit(`(block $jdone (br_if $jdone (i32.eqz ${get('n')})) (loop $jloop`);
  emit(`(local.set $s ${i32(0)})`);
  emit(`(block $sdone (br_if $sdone (i32.eqz ${get('k')})) (loop $sloop`);
  emit(`(local.set $col ${i32(0)})`);
  emit('(loop $cloop');
  emit(
    `(f32.store ${add(get('dst'), mul(get('col'), i32(4)))} (if (result f32) (i32.lt_u ${add(get('j'), get('col'))} ${get('n')})`,
    `(then (f32.load ${add(get('b'), mul(add(mul(get('s'), get('ldb')), add(get('j'), get('col'))), i32(4)))})) (else (f32.const 0))))`,
  );
  emit(`(local.set $col ${add(get('col'), i32(1))})`, `(br_if $cloop (i32.lt_u ${get('col')} ${i32(8)})))`);
  emit(`(local.set $dst ${add(get('dst'), i32(32))})`);
  emit(`(local.set $s ${add(get('s'), i32(1))})`, `(br_if $sloop (i32.lt_u ${get('s')} ${get('k')}))))`);
  emit(`(local.set $j ${add(get('j'), i32(8))})`, `(br_if $jloop (i32.lt_u ${get('j')} ${get('n')}))))`);
  emit(')');
}

/**
 * xform_R_C(tiles, nvec, coef, in, inTile, inJ, inFirst, inStep, inCount, out, outTile, outI, outFirst, outStep,
 * outCount): for each tile q < tiles and vector v < nvec, out[i] = Σ_j coef[i·C + j] · in[j] (f32, 4 lanes), with
 * in[j] at in + q·inTile + j·inJ + 16·v, read only when 0 ≤ inFirst + q·inStep + j < inCount (else 0), and
 * out[i] at out + q·outTile + i·outI + 16·v, written only when 0 ≤ outFirst + q·outStep + i < outCount.
 * These are the Winograd input, output and filter transforms: one run of tiles per call.
 */
function transform(R, C) {
  const ins = Array.from({ length: C }, (_, j) => `d${j}`);
  const inPtr = Array.from({ length: C }, (_, j) => `p${j}`);
  const outPtr = Array.from({ length: R }, (_, i) => `o${i}`);
  const inOk = Array.from({ length: C }, (_, j) => `ok${j}`);
  const outOk = Array.from({ length: R }, (_, i) => `w${i}`);
  emit(
    `(func (export "xform_${R}_${C}") (param $tiles i32) (param $nvec i32) (param $coef i32)`,
    '(param $in i32) (param $inTile i32) (param $inJ i32) (param $inFirst i32) (param $inStep i32) (param $inCount i32)',
    '(param $out i32) (param $outTile i32) (param $outI i32) (param $outFirst i32) (param $outStep i32) (param $outCount i32)',
    locals('i32', ['q', 'v', 'off', 'pos', ...inPtr, ...outPtr, ...inOk, ...outOk]),
    locals('v128', [...ins, 's']),
  );
  emit(`(local.set $q ${i32(0)})`);
  emit(`(block $qdone (br_if $qdone (i32.eqz ${get('tiles')})) (loop $qloop`);
  emit(`(local.set $pos ${add(get('inFirst'), mul(get('q'), get('inStep')))})`);
  for (let j = 0; j < C; j++) {
    emit(`(local.set $ok${j} (i32.lt_u ${add(get('pos'), i32(j))} ${get('inCount')}))`);
    emit(`(local.set $p${j} ${add(add(get('in'), mul(get('q'), get('inTile'))), mul(get('inJ'), i32(j)))})`);
  }
  emit(`(local.set $pos ${add(get('outFirst'), mul(get('q'), get('outStep')))})`);
  for (let i = 0; i < R; i++) {
    emit(`(local.set $w${i} (i32.lt_u ${add(get('pos'), i32(i))} ${get('outCount')}))`);
    emit(`(local.set $o${i} ${add(add(get('out'), mul(get('q'), get('outTile'))), mul(get('outI'), i32(i)))})`);
  }
  emit(`(local.set $v ${i32(0)})`);
  emit(`(block $vdone (br_if $vdone (i32.eqz ${get('nvec')})) (loop $vloop`);
  emit(`(local.set $off ${mul(get('v'), i32(16))})`);
  for (let j = 0; j < C; j++) {
    emit(
      `(local.set $d${j} (if (result v128) ${get(`ok${j}`)} (then (v128.load ${add(get(`p${j}`), get('off'))})) (else (v128.const i32x4 0 0 0 0))))`,
    );
  }
  for (let i = 0; i < R; i++) {
    let sum = null;
    for (let j = 0; j < C; j++) {
      const term = `(f32x4.mul (v128.load32_splat offset=${4 * (i * C + j)} ${get('coef')}) ${get(`d${j}`)})`;
      sum = sum === null ? term : `(f32x4.add ${sum} ${term})`;
    }
    emit(`(if ${get(`w${i}`)} (then (v128.store ${add(get(`o${i}`), get('off'))} ${sum})))`);
  }
  emit(`(local.set $v ${add(get('v'), i32(1))})`, `(br_if $vloop (i32.lt_u ${get('v')} ${get('nvec')}))))`);
  emit(`(local.set $q ${add(get('q'), i32(1))})`, `(br_if $qloop (i32.lt_u ${get('q')} ${get('tiles')}))))`);
  emit(')');
}

/** f32x4 and scalar forms of the elementwise binary operations. */
const BINARY = {
  add: ['f32x4.add', 'f32.add'],
  sub: ['f32x4.sub', 'f32.sub'],
  mul: ['f32x4.mul', 'f32.mul'],
  div: ['f32x4.div', 'f32.div'],
  max: ['f32x4.max', 'f32.max'],
  min: ['f32x4.min', 'f32.min'],
};

/**
 * bin_<op>_2d(rows, cols, a, aRow, aCol, b, bRow, bCol, out): out[r·cols + c] = a[r·aRow + c·aCol] op
 * b[r·bRow + c·bCol] for r < rows, c < cols; strides in floats, aCol and bCol each 0 (broadcast) or 1, not both 0.
 */
function binary(op) {
  const [vec, scalar] = BINARY[op];
  emit(
    `(func (export "bin_${op}_2d") (param $rows i32) (param $cols i32) (param $a i32) (param $aRow i32) (param $aCol i32)`,
    '(param $b i32) (param $bRow i32) (param $bCol i32) (param $out i32)',
    locals('i32', ['r', 'c', 'pa', 'pb', 'po', 'vecEnd']),
    locals('v128', ['s']),
  );
  emit(`(local.set $vecEnd (i32.and ${get('cols')} ${i32(-4)}))`);
  emit(`(local.set $po ${get('out')})`, `(local.set $r ${i32(0)})`);
  emit(`(block $rdone (br_if $rdone (i32.eqz ${get('rows')})) (loop $rloop`);
  emit(`(local.set $pa ${add(get('a'), mul(mul(get('r'), get('aRow')), i32(4)))})`);
  emit(`(local.set $pb ${add(get('b'), mul(mul(get('r'), get('bRow')), i32(4)))})`);
  emit(`(local.set $c ${i32(0)})`);
  const vectorLoop = (loadA, loadB, stepA, stepB) => {
    emit(`(block $vdone (br_if $vdone (i32.ge_u ${get('c')} ${get('vecEnd')})) (loop $vloop`);
    emit(`(v128.store ${add(get('po'), mul(get('c'), i32(4)))} (${vec} ${loadA} ${loadB}))`);
    if (stepA) emit(`(local.set $pa ${add(get('pa'), i32(16))})`);
    if (stepB) emit(`(local.set $pb ${add(get('pb'), i32(16))})`);
    emit(`(local.set $c ${add(get('c'), i32(4))})`, `(br_if $vloop (i32.lt_u ${get('c')} ${get('vecEnd')}))))`);
  };
  emit(`(if (i32.and ${get('aCol')} ${get('bCol')}) (then`);
  vectorLoop(`(v128.load ${get('pa')})`, `(v128.load ${get('pb')})`, true, true);
  emit(') (else (if', get('aCol'), '(then');
  vectorLoop(`(v128.load ${get('pa')})`, `(v128.load32_splat ${get('pb')})`, true, false);
  emit(') (else');
  vectorLoop(`(v128.load32_splat ${get('pa')})`, `(v128.load ${get('pb')})`, false, true);
  emit('))))');
  // scalar tail
  emit(`(block $tdone (br_if $tdone (i32.ge_u ${get('c')} ${get('cols')})) (loop $tloop`);
  emit(
    `(f32.store ${add(get('po'), mul(get('c'), i32(4)))} (${scalar} (f32.load ${get('pa')}) (f32.load ${get('pb')})))`,
  );
  emit(
    `(local.set $pa ${add(get('pa'), mul(get('aCol'), i32(4)))})`,
    `(local.set $pb ${add(get('pb'), mul(get('bCol'), i32(4)))})`,
  );
  emit(`(local.set $c ${add(get('c'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('c')} ${get('cols')}))))`);
  emit(`(local.set $po ${add(get('po'), mul(get('cols'), i32(4)))})`);
  emit(`(local.set $r ${add(get('r'), i32(1))})`, `(br_if $rloop (i32.lt_u ${get('r')} ${get('rows')}))))`);
  emit(')');
}

/** un_<op>(n, x, out, alpha): elementwise unary operation over n floats (alpha: Step's value for x ≤ 0). */
function unary(op, vecExpr, scalarExpr) {
  emit(
    `(func (export "un_${op}") (param $n i32) (param $x i32) (param $out i32) (param $alpha f32)`,
    locals('i32', ['i', 'end']),
    locals('v128', ['v', 'al']),
    locals('f32', ['s']),
  );
  emit(`(local.set $al (f32x4.splat ${get('alpha')}))`);
  emit(`(local.set $end (i32.and ${get('n')} ${i32(-4)}))`, `(local.set $i ${i32(0)})`);
  emit(`(block $vdone (br_if $vdone (i32.ge_u ${get('i')} ${get('end')})) (loop $vloop`);
  emit(`(local.set $v (v128.load ${add(get('x'), mul(get('i'), i32(4)))}))`);
  emit(`(v128.store ${add(get('out'), mul(get('i'), i32(4)))} ${vecExpr})`);
  emit(`(local.set $i ${add(get('i'), i32(4))})`, `(br_if $vloop (i32.lt_u ${get('i')} ${get('end')}))))`);
  emit(`(block $tdone (br_if $tdone (i32.ge_u ${get('i')} ${get('n')})) (loop $tloop`);
  emit(`(local.set $s (f32.load ${add(get('x'), mul(get('i'), i32(4)))}))`);
  emit(`(f32.store ${add(get('out'), mul(get('i'), i32(4)))} ${scalarExpr})`);
  emit(`(local.set $i ${add(get('i'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('i')} ${get('n')}))))`);
  emit(')');
}

function unaries() {
  const zero = '(v128.const f32x4 0 0 0 0)';
  unary('relu', `(f32x4.max ${get('v')} ${zero})`, `(f32.max ${get('s')} (f32.const 0))`);
  // Step (tfjs): 1 where x > 0, alpha elsewhere (NaN stays NaN).
  unary(
    'step',
    `(v128.bitselect (v128.const f32x4 1 1 1 1) (v128.bitselect ${get('v')} ${get('al')} (f32x4.ne ${get('v')} ${get('v')})) (f32x4.gt ${get('v')} ${zero}))`,
    `(if (result f32) (f32.gt ${get('s')} (f32.const 0)) (then (f32.const 1)) (else (if (result f32) (f32.ne ${get('s')} ${get('s')}) (then ${get('s')}) (else ${get('alpha')}))))`,
  );
  unary('neg', `(f32x4.neg ${get('v')})`, `(f32.neg ${get('s')})`);
  unary('square', `(f32x4.mul ${get('v')} ${get('v')})`, `(f32.mul ${get('s')} ${get('s')})`);
  unary('sqrt', `(f32x4.sqrt ${get('v')})`, `(f32.sqrt ${get('s')})`);
}

/**
 * sum_rows(outer, rows, cols, x, out, scale): out[o·cols + c] = scale · Σ_r x[(o·rows + r)·cols + c]
 * (reduction over the middle axis, vectorised over the contiguous last one; out is also the accumulator).
 * sum_last(outer, n, x, out, scale): out[o] = scale · Σ_i x[o·n + i].
 */
function reductions() {
  emit(
    '(func (export "sum_rows") (param $outer i32) (param $rows i32) (param $cols i32) (param $x i32) (param $out i32) (param $scale f32)',
    locals('i32', ['o', 'r', 'c', 'vecEnd', 'row', 'dst']),
    locals('v128', ['sc']),
  );
  emit(`(local.set $vecEnd (i32.and ${get('cols')} ${i32(-4)}))`, `(local.set $sc (f32x4.splat ${get('scale')}))`);
  emit(`(local.set $row ${get('x')})`, `(local.set $o ${i32(0)})`);
  emit(`(block $odone (br_if $odone (i32.eqz ${get('outer')})) (loop $oloop`);
  emit(`(local.set $dst ${add(get('out'), mul(mul(get('o'), get('cols')), i32(4)))})`);
  // zero the accumulator row
  emit(`(local.set $c ${i32(0)})`);
  emit(
    `(block $zdone (br_if $zdone (i32.eqz ${get('cols')})) (loop $zloop (f32.store ${add(get('dst'), mul(get('c'), i32(4)))} (f32.const 0))`,
    `(local.set $c ${add(get('c'), i32(1))}) (br_if $zloop (i32.lt_u ${get('c')} ${get('cols')}))))`,
  );
  emit(`(local.set $r ${i32(0)})`);
  emit(`(block $rdone (br_if $rdone (i32.eqz ${get('rows')})) (loop $rloop`);
  emit(`(local.set $c ${i32(0)})`);
  emit(`(block $vdone (br_if $vdone (i32.ge_u ${get('c')} ${get('vecEnd')})) (loop $vloop`);
  emit(
    `(v128.store ${add(get('dst'), mul(get('c'), i32(4)))} (f32x4.add (v128.load ${add(get('dst'), mul(get('c'), i32(4)))}) (v128.load ${add(get('row'), mul(get('c'), i32(4)))})))`,
  );
  emit(`(local.set $c ${add(get('c'), i32(4))})`, `(br_if $vloop (i32.lt_u ${get('c')} ${get('vecEnd')}))))`);
  emit(`(block $tdone (br_if $tdone (i32.ge_u ${get('c')} ${get('cols')})) (loop $tloop`);
  emit(
    `(f32.store ${add(get('dst'), mul(get('c'), i32(4)))} (f32.add (f32.load ${add(get('dst'), mul(get('c'), i32(4)))}) (f32.load ${add(get('row'), mul(get('c'), i32(4)))})))`,
  );
  emit(`(local.set $c ${add(get('c'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('c')} ${get('cols')}))))`);
  emit(`(local.set $row ${add(get('row'), mul(get('cols'), i32(4)))})`);
  emit(`(local.set $r ${add(get('r'), i32(1))})`, `(br_if $rloop (i32.lt_u ${get('r')} ${get('rows')}))))`);
  // scale
  emit(`(local.set $c ${i32(0)})`);
  emit(
    `(block $sdone (br_if $sdone (i32.eqz ${get('cols')})) (loop $sloop (f32.store ${add(get('dst'), mul(get('c'), i32(4)))} (f32.mul (f32.load ${add(get('dst'), mul(get('c'), i32(4)))}) ${get('scale')}))`,
    `(local.set $c ${add(get('c'), i32(1))}) (br_if $sloop (i32.lt_u ${get('c')} ${get('cols')}))))`,
  );
  emit(`(local.set $o ${add(get('o'), i32(1))})`, `(br_if $oloop (i32.lt_u ${get('o')} ${get('outer')}))))`);
  emit(')');

  emit(
    '(func (export "sum_last") (param $outer i32) (param $n i32) (param $x i32) (param $out i32) (param $scale f32)',
    locals('i32', ['o', 'i', 'vecEnd', 'row']),
    locals('v128', ['acc']),
    locals('f32', ['s']),
  );
  emit(
    `(local.set $vecEnd (i32.and ${get('n')} ${i32(-4)}))`,
    `(local.set $row ${get('x')})`,
    `(local.set $o ${i32(0)})`,
  );
  emit(`(block $odone (br_if $odone (i32.eqz ${get('outer')})) (loop $oloop`);
  emit(`(local.set $acc (v128.const f32x4 0 0 0 0))`, `(local.set $i ${i32(0)})`);
  emit(`(block $vdone (br_if $vdone (i32.ge_u ${get('i')} ${get('vecEnd')})) (loop $vloop`);
  emit(`(local.set $acc (f32x4.add ${get('acc')} (v128.load ${add(get('row'), mul(get('i'), i32(4)))})))`);
  emit(`(local.set $i ${add(get('i'), i32(4))})`, `(br_if $vloop (i32.lt_u ${get('i')} ${get('vecEnd')}))))`);
  emit(
    `(local.set $s (f32.add (f32.add (f32x4.extract_lane 0 ${get('acc')}) (f32x4.extract_lane 1 ${get('acc')})) (f32.add (f32x4.extract_lane 2 ${get('acc')}) (f32x4.extract_lane 3 ${get('acc')}))))`,
  );
  emit(`(block $tdone (br_if $tdone (i32.ge_u ${get('i')} ${get('n')})) (loop $tloop`);
  emit(`(local.set $s (f32.add ${get('s')} (f32.load ${add(get('row'), mul(get('i'), i32(4)))})))`);
  emit(`(local.set $i ${add(get('i'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('i')} ${get('n')}))))`);
  emit(`(f32.store ${add(get('out'), mul(get('o'), i32(4)))} (f32.mul ${get('s')} ${get('scale')}))`);
  emit(`(local.set $row ${add(get('row'), mul(get('n'), i32(4)))})`);
  emit(`(local.set $o ${add(get('o'), i32(1))})`, `(br_if $oloop (i32.lt_u ${get('o')} ${get('outer')}))))`);
  emit(')');
}

/**
 * maxpool_1d(outer, length, cols, pool, stride, outLength, x, out): out[o, t, c] = max_{k<pool} x[o, t·stride + k, c]
 * ('valid' windows; cols a multiple of 4).
 * maxpool_1d_grad(outer, length, cols, pool, stride, outLength, x, dy, dx): dx[o, t·stride + k, c] += dy[o, t, c] at the
 * first maximum of each window (as tfjs' cpu backend), 0 elsewhere; dx is cleared first.
 */
function pooling() {
  emit(
    '(func (export "maxpool_1d") (param $outer i32) (param $length i32) (param $cols i32) (param $pool i32) (param $stride i32)',
    '(param $outLength i32) (param $x i32) (param $out i32)',
    locals('i32', ['o', 't', 'c', 'k', 'src', 'dst', 'rowB']),
    locals('v128', ['m', 'v']),
  );
  emit(`(local.set $rowB ${mul(get('cols'), i32(4))})`, `(local.set $dst ${get('out')})`, `(local.set $o ${i32(0)})`);
  emit(`(block $odone (br_if $odone (i32.eqz ${get('outer')})) (loop $oloop`);
  emit(`(local.set $t ${i32(0)})`);
  emit(`(block $tdone (br_if $tdone (i32.eqz ${get('outLength')})) (loop $tloop`);
  emit(
    `(local.set $src ${add(get('x'), mul(add(mul(get('o'), get('length')), mul(get('t'), get('stride'))), get('rowB')))})`,
  );
  emit(`(local.set $c ${i32(0)})`);
  emit(`(block $cdone (br_if $cdone (i32.eqz ${get('cols')})) (loop $cloop`);
  emit(`(local.set $m (v128.load ${add(get('src'), mul(get('c'), i32(4)))}))`);
  emit(`(local.set $k ${i32(1)})`);
  emit(`(block $kdone (br_if $kdone (i32.ge_u ${get('k')} ${get('pool')})) (loop $kloop`);
  // strict '>' keeps the first maximum (as tfjs' cpu backend); a NaN in the first position propagates
  emit(`(local.set $v (v128.load ${add(add(get('src'), mul(get('k'), get('rowB'))), mul(get('c'), i32(4)))}))`);
  emit(`(local.set $m (v128.bitselect ${get('v')} ${get('m')} (f32x4.gt ${get('v')} ${get('m')})))`);
  emit(`(local.set $k ${add(get('k'), i32(1))})`, `(br_if $kloop (i32.lt_u ${get('k')} ${get('pool')}))))`);
  emit(`(v128.store ${add(get('dst'), mul(get('c'), i32(4)))} ${get('m')})`);
  emit(`(local.set $c ${add(get('c'), i32(4))})`, `(br_if $cloop (i32.lt_u ${get('c')} ${get('cols')}))))`);
  emit(`(local.set $dst ${add(get('dst'), get('rowB'))})`);
  emit(`(local.set $t ${add(get('t'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('t')} ${get('outLength')}))))`);
  emit(`(local.set $o ${add(get('o'), i32(1))})`, `(br_if $oloop (i32.lt_u ${get('o')} ${get('outer')}))))`);
  emit(')');

  emit(
    '(func (export "maxpool_1d_grad") (param $outer i32) (param $length i32) (param $cols i32) (param $pool i32) (param $stride i32)',
    '(param $outLength i32) (param $x i32) (param $dy i32) (param $dx i32)',
    locals('i32', ['o', 't', 'c', 'k', 'src', 'dst', 'g', 'rowB', 'i', 'n']),
    locals('v128', ['m', 'idx', 'v', 'gt', 'd']),
  );
  emit(`(local.set $rowB ${mul(get('cols'), i32(4))})`);
  // clear dx
  emit(`(local.set $n ${mul(mul(get('outer'), get('length')), get('cols'))})`, `(local.set $i ${i32(0)})`);
  emit(
    `(block $zdone (br_if $zdone (i32.eqz ${get('n')})) (loop $zloop (f32.store ${add(get('dx'), mul(get('i'), i32(4)))} (f32.const 0))`,
    `(local.set $i ${add(get('i'), i32(1))}) (br_if $zloop (i32.lt_u ${get('i')} ${get('n')}))))`,
  );
  emit(`(local.set $g ${get('dy')})`, `(local.set $o ${i32(0)})`);
  emit(`(block $odone (br_if $odone (i32.eqz ${get('outer')})) (loop $oloop`);
  emit(`(local.set $t ${i32(0)})`);
  emit(`(block $tdone (br_if $tdone (i32.eqz ${get('outLength')})) (loop $tloop`);
  emit(`(local.set $i ${mul(add(mul(get('o'), get('length')), mul(get('t'), get('stride'))), get('rowB'))})`);
  emit(`(local.set $src ${add(get('x'), get('i'))})`, `(local.set $dst ${add(get('dx'), get('i'))})`);
  emit(`(local.set $c ${i32(0)})`);
  emit(`(block $cdone (br_if $cdone (i32.eqz ${get('cols')})) (loop $cloop`);
  emit(
    `(local.set $m (v128.load ${add(get('src'), mul(get('c'), i32(4)))}))`,
    `(local.set $idx (v128.const i32x4 0 0 0 0))`,
  );
  emit(`(local.set $k ${i32(1)})`);
  emit(`(block $kdone (br_if $kdone (i32.ge_u ${get('k')} ${get('pool')})) (loop $kloop`);
  emit(`(local.set $v (v128.load ${add(add(get('src'), mul(get('k'), get('rowB'))), mul(get('c'), i32(4)))}))`);
  emit(`(local.set $gt (f32x4.gt ${get('v')} ${get('m')}))`);
  emit(`(local.set $m (v128.bitselect ${get('v')} ${get('m')} ${get('gt')}))`);
  emit(`(local.set $idx (v128.bitselect (i32x4.splat ${get('k')}) ${get('idx')} ${get('gt')}))`);
  emit(`(local.set $k ${add(get('k'), i32(1))})`, `(br_if $kloop (i32.lt_u ${get('k')} ${get('pool')}))))`);
  emit(`(local.set $d (v128.load ${add(get('g'), mul(get('c'), i32(4)))}))`);
  emit(`(local.set $k ${i32(0)})`);
  emit(`(block $wdone (br_if $wdone (i32.eqz ${get('pool')})) (loop $wloop`);
  emit(`(local.set $i ${add(add(get('dst'), mul(get('k'), get('rowB'))), mul(get('c'), i32(4)))})`);
  emit(
    `(v128.store ${get('i')} (f32x4.add (v128.load ${get('i')}) (v128.and ${get('d')} (i32x4.eq ${get('idx')} (i32x4.splat ${get('k')})))))`,
  );
  emit(`(local.set $k ${add(get('k'), i32(1))})`, `(br_if $wloop (i32.lt_u ${get('k')} ${get('pool')}))))`);
  emit(`(local.set $c ${add(get('c'), i32(4))})`, `(br_if $cloop (i32.lt_u ${get('c')} ${get('cols')}))))`);
  emit(`(local.set $g ${add(get('g'), get('rowB'))})`);
  emit(`(local.set $t ${add(get('t'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('t')} ${get('outLength')}))))`);
  emit(`(local.set $o ${add(get('o'), i32(1))})`, `(br_if $oloop (i32.lt_u ${get('o')} ${get('outer')}))))`);
  emit(')');
}

/**
 * batchnorm_rows(rows, cols, x, mean, factor, offset, out): out[r, c] = (x[r, c] − mean[c]) · factor[c] + offset[c]
 * (cols a multiple of 4): batch normalisation once its per-channel factor scale/√(variance + ε) is known.
 */
function batchNorm() {
  emit(
    '(func (export "batchnorm_rows") (param $rows i32) (param $cols i32) (param $x i32) (param $mean i32) (param $factor i32)',
    '(param $offset i32) (param $out i32)',
    locals('i32', ['r', 'c', 'off', 'rowB']),
  );
  emit(`(local.set $rowB ${mul(get('cols'), i32(4))})`, `(local.set $r ${i32(0)})`);
  emit(`(block $rdone (br_if $rdone (i32.eqz ${get('rows')})) (loop $rloop`);
  emit(`(local.set $off ${mul(get('r'), get('rowB'))})`, `(local.set $c ${i32(0)})`);
  emit(`(block $cdone (br_if $cdone (i32.eqz ${get('cols')})) (loop $cloop`);
  emit(
    `(v128.store ${add(add(get('out'), get('off')), get('c'))} (f32x4.add (f32x4.mul (f32x4.sub (v128.load ${add(add(get('x'), get('off')), get('c'))})`,
    `(v128.load ${add(get('mean'), get('c'))})) (v128.load ${add(get('factor'), get('c'))})) (v128.load ${add(get('offset'), get('c'))})))`,
  );
  emit(`(local.set $c ${add(get('c'), i32(16))})`, `(br_if $cloop (i32.lt_u ${get('c')} ${get('rowB')}))))`);
  emit(`(local.set $r ${add(get('r'), i32(1))})`, `(br_if $rloop (i32.lt_u ${get('r')} ${get('rows')}))))`);
  emit(')');
}

/**
 * Per-channel loops over a [rows × cols] tensor (cols a multiple of 4; per-channel arrays of cols floats):
 * - bn_centered_square_mean(rows, cols, x, mean, variance): variance = Σ_r (x − mean)² / rows (the mean comes
 *   from sum_rows);
 * - bn_grad_sums(rows, cols, x, dy, mean, sumDy, sumDyCentered): Σ_r dy and Σ_r dy·(x − mean).
 * - bn_grad_dx(rows, cols, x, dy, mean, k1, k2, k3, dx): dx = k1·(dy − k2 − (x − mean)·k3).
 * Together they are batch normalisation with batch statistics, forward and backward, in five passes.
 */
/**
 * @param {string} name
 * @param {string[]} params
 * @param {{ init?: string[], body: string[], finish?: string[] }} parts
 */
function channelLoop(name, params, { init = [], body, finish = [] }) {
  emit(
    `(func (export "${name}") (param $rows i32) (param $cols i32) ${params.map((p) => `(param $${p} i32)`).join(' ')}`,
    locals('i32', ['r', 'c', 'off', 'rowB']),
    locals('v128', ['t', 'u']),
    locals('f32', ['inv']),
  );
  emit(
    `(local.set $rowB ${mul(get('cols'), i32(4))})`,
    `(local.set $inv (f32.div (f32.const 1) (f32.convert_i32_u ${get('rows')})))`,
  );
  for (const line of init) emit(line);
  emit(`(local.set $r ${i32(0)})`);
  emit(`(block $rdone (br_if $rdone (i32.eqz ${get('rows')})) (loop $rloop`);
  emit(`(local.set $off ${mul(get('r'), get('rowB'))})`, `(local.set $c ${i32(0)})`);
  emit(`(block $cdone (br_if $cdone (i32.eqz ${get('cols')})) (loop $cloop`);
  for (const line of body) emit(line);
  emit(`(local.set $c ${add(get('c'), i32(16))})`, `(br_if $cloop (i32.lt_u ${get('c')} ${get('rowB')}))))`);
  emit(`(local.set $r ${add(get('r'), i32(1))})`, `(br_if $rloop (i32.lt_u ${get('r')} ${get('rows')}))))`);
  for (const line of finish) emit(line);
  emit(')');
}

/** (v128.load (base + row offset + channel offset)) and (v128.load (base + channel offset)). */
const atRow = (base) => `(v128.load ${add(add(get(base), get('off')), get('c'))})`;
const atChannel = (base) => `(v128.load ${add(get(base), get('c'))})`;
const storeChannel = (base, value) => `(v128.store ${add(get(base), get('c'))} ${value})`;
/** A loop over the channels only (c in bytes), for clearing and scaling per-channel arrays. */
const perChannel = (...body) => [
  `(local.set $c ${i32(0)})`,
  `(block $pdone (br_if $pdone (i32.eqz ${get('cols')})) (loop $ploop ${body.join(' ')}`,
  `(local.set $c ${add(get('c'), i32(16))}) (br_if $ploop (i32.lt_u ${get('c')} ${get('rowB')}))))`,
];
const zero = '(v128.const f32x4 0 0 0 0)';

function batchNormTraining() {
  channelLoop('bn_centered_square_mean', ['x', 'mean', 'out'], {
    init: perChannel(storeChannel('out', zero)),
    body: [
      `(local.set $t (f32x4.sub ${atRow('x')} ${atChannel('mean')}))`,
      storeChannel('out', `(f32x4.add ${atChannel('out')} (f32x4.mul ${get('t')} ${get('t')}))`),
    ],
    finish: perChannel(storeChannel('out', `(f32x4.mul ${atChannel('out')} (f32x4.splat ${get('inv')}))`)),
  });
  channelLoop('bn_grad_sums', ['x', 'dy', 'mean', 'sumDy', 'sumDyCentered'], {
    init: perChannel(storeChannel('sumDy', zero), storeChannel('sumDyCentered', zero)),
    body: [
      `(local.set $u ${atRow('dy')})`,
      storeChannel('sumDy', `(f32x4.add ${atChannel('sumDy')} ${get('u')})`),
      storeChannel(
        'sumDyCentered',
        `(f32x4.add ${atChannel('sumDyCentered')} (f32x4.mul ${get('u')} (f32x4.sub ${atRow('x')} ${atChannel('mean')})))`,
      ),
    ],
  });
  channelLoop('bn_grad_dx', ['x', 'dy', 'mean', 'k1', 'k2', 'k3', 'dx'], {
    body: [
      `(v128.store ${add(add(get('dx'), get('off')), get('c'))} (f32x4.mul ${atChannel('k1')} (f32x4.sub (f32x4.sub ${atRow('dy')} ${atChannel('k2')})`,
      `(f32x4.mul (f32x4.sub ${atRow('x')} ${atChannel('mean')}) ${atChannel('k3')}))))`,
    ],
  });
}

/**
 * adam_update(n, w, g, m, v, wOut, mOut, vOut, lr, beta1, beta2, epsilon, decay, c1, c2): one Adam step with
 * decoupled weight decay (AdamW; decay 0 gives Adam): m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g²,
 * w' = w − lr·decay·w − lr·(m'/c1) / (√(v'/c2) + ε), where c1 = 1 − β1^t and c2 = 1 − β2^t.
 */
function adam() {
  emit(
    '(func (export "adam_update") (param $n i32) (param $w i32) (param $g i32) (param $m i32) (param $v i32)',
    '(param $wOut i32) (param $mOut i32) (param $vOut i32) (param $lr f32) (param $beta1 f32) (param $beta2 f32)',
    '(param $epsilon f32) (param $decay f32) (param $c1 f32) (param $c2 f32)',
    locals('i32', ['i', 'end', 'off']),
    locals('v128', ['b1', 'nb1', 'b2', 'nb2', 'eps', 'lrv', 'keep', 'ic1', 'ic2', 'gv', 'mv', 'vv', 'wv']),
    locals('f32', ['gs', 'ms', 'vs', 'ws']),
  );
  emit(
    `(local.set $b1 (f32x4.splat ${get('beta1')}))`,
    `(local.set $nb1 (f32x4.splat (f32.sub (f32.const 1) ${get('beta1')})))`,
  );
  emit(
    `(local.set $b2 (f32x4.splat ${get('beta2')}))`,
    `(local.set $nb2 (f32x4.splat (f32.sub (f32.const 1) ${get('beta2')})))`,
  );
  emit(`(local.set $eps (f32x4.splat ${get('epsilon')}))`, `(local.set $lrv (f32x4.splat ${get('lr')}))`);
  emit(`(local.set $keep (f32x4.splat (f32.sub (f32.const 1) (f32.mul ${get('lr')} ${get('decay')}))))`);
  emit(
    `(local.set $ic1 (f32x4.splat (f32.div (f32.const 1) ${get('c1')})))`,
    `(local.set $ic2 (f32x4.splat (f32.div (f32.const 1) ${get('c2')})))`,
  );
  emit(`(local.set $end (i32.and ${get('n')} ${i32(-4)}))`, `(local.set $i ${i32(0)})`);
  emit(`(block $vdone (br_if $vdone (i32.ge_u ${get('i')} ${get('end')})) (loop $vloop`);
  emit(`(local.set $off ${mul(get('i'), i32(4))})`);
  emit(`(local.set $gv (v128.load ${add(get('g'), get('off'))}))`);
  emit(
    `(local.set $mv (f32x4.add (f32x4.mul ${get('b1')} (v128.load ${add(get('m'), get('off'))})) (f32x4.mul ${get('nb1')} ${get('gv')})))`,
  );
  emit(
    `(local.set $vv (f32x4.add (f32x4.mul ${get('b2')} (v128.load ${add(get('v'), get('off'))})) (f32x4.mul ${get('nb2')} (f32x4.mul ${get('gv')} ${get('gv')}))))`,
  );
  emit(
    `(local.set $wv (f32x4.sub (f32x4.mul ${get('keep')} (v128.load ${add(get('w'), get('off'))}))`,
    `(f32x4.mul ${get('lrv')} (f32x4.div (f32x4.mul ${get('mv')} ${get('ic1')}) (f32x4.add (f32x4.sqrt (f32x4.mul ${get('vv')} ${get('ic2')})) ${get('eps')})))))`,
  );
  emit(
    `(v128.store ${add(get('mOut'), get('off'))} ${get('mv')})`,
    `(v128.store ${add(get('vOut'), get('off'))} ${get('vv')})`,
    `(v128.store ${add(get('wOut'), get('off'))} ${get('wv')})`,
  );
  emit(`(local.set $i ${add(get('i'), i32(4))})`, `(br_if $vloop (i32.lt_u ${get('i')} ${get('end')}))))`);
  emit(`(block $tdone (br_if $tdone (i32.ge_u ${get('i')} ${get('n')})) (loop $tloop`);
  emit(`(local.set $off ${mul(get('i'), i32(4))})`);
  emit(`(local.set $gs (f32.load ${add(get('g'), get('off'))}))`);
  emit(
    `(local.set $ms (f32.add (f32.mul ${get('beta1')} (f32.load ${add(get('m'), get('off'))})) (f32.mul (f32.sub (f32.const 1) ${get('beta1')}) ${get('gs')})))`,
  );
  emit(
    `(local.set $vs (f32.add (f32.mul ${get('beta2')} (f32.load ${add(get('v'), get('off'))})) (f32.mul (f32.sub (f32.const 1) ${get('beta2')}) (f32.mul ${get('gs')} ${get('gs')}))))`,
  );
  emit(
    `(local.set $ws (f32.sub (f32.mul (f32.sub (f32.const 1) (f32.mul ${get('lr')} ${get('decay')})) (f32.load ${add(get('w'), get('off'))}))`,
    `(f32.mul ${get('lr')} (f32.div (f32.div ${get('ms')} ${get('c1')}) (f32.add (f32.sqrt (f32.div ${get('vs')} ${get('c2')})) ${get('epsilon')})))))`,
  );
  emit(
    `(f32.store ${add(get('mOut'), get('off'))} ${get('ms')})`,
    `(f32.store ${add(get('vOut'), get('off'))} ${get('vs')})`,
    `(f32.store ${add(get('wOut'), get('off'))} ${get('ws')})`,
  );
  emit(`(local.set $i ${add(get('i'), i32(1))})`, `(br_if $tloop (i32.lt_u ${get('i')} ${get('n')}))))`);
  emit(')');
}

/** The (R, C) shapes of xform_R_C: Winograd transforms with α = 8 points for 3-, 5- and 7-tap filters. */
export const TRANSFORM_SHAPES = [
  [8, 8],
  [4, 8],
  [6, 8],
  [2, 8],
  [8, 4],
  [8, 6],
  [8, 2],
  [8, 5],
  [8, 3],
  [8, 7],
  [5, 8],
  [3, 8],
  [7, 8],
];

/** The whole module's text. */
export function trainingKernelsWat() {
  lines.length = 0;
  emit('(module (import "env" "memory" (memory 1))');
  gemm();
  for (const [r, c] of TRANSFORM_SHAPES) transform(r, c);
  for (const op of Object.keys(BINARY)) binary(op);
  unaries();
  reductions();
  pooling();
  batchNorm();
  batchNormTraining();
  adam();
  emit(')');
  return lines.join('\n');
}
