/* real.h: gt_real, the floating-point type of the model and of its inputs.
 *
 * float, as in Keras (float32). The study's network reaches the same
 * accuracy in float, which halves the memory of the input matrices and
 * doubles how many values one SIMD instruction works on. Building with
 * -DGT_REAL_DOUBLE makes it double: the tests build the model that way as
 * well (test_model_f64, test_adam_f64), so that its gradients are checked
 * against finite differences to a tolerance float rounding cannot meet. */
#ifndef GENRETUI_REAL_H
#define GENRETUI_REAL_H

#ifdef GT_REAL_DOUBLE
typedef double gt_real;
#else
typedef float gt_real;
#endif

#endif
