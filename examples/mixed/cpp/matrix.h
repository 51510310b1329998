/* matrix.h — the C ABI of the C++ Matrix, for Rust (bindgen reads this
 * file). Rust holds matrices as `*mut Matrix`: it reads and writes cells,
 * creates matrices and hands them to JS. */
#ifndef MIXED_MATRIX_H
#define MIXED_MATRIX_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Matrix Matrix;

/* A rows x cols matrix of zeros; NULL if a dimension is negative or too
 * large, or memory runs out. The caller owns it (matrix_delete). */
Matrix *matrix_new(int32_t rows, int32_t cols);
void matrix_delete(Matrix *m);
int32_t matrix_rows(const Matrix *m);
int32_t matrix_cols(const Matrix *m);
/* Out-of-range cells read as 0 and ignore writes. */
double matrix_get(const Matrix *m, int32_t row, int32_t col);
void matrix_set(Matrix *m, int32_t row, int32_t col, double value);
/* The cell, or a C++ std::out_of_range exception for a cell outside (the
 * crate is built with exceptions: it reaches JS as a CppException). */
double matrix_at(const Matrix *m, int32_t row, int32_t col);

#ifdef __cplusplus
}
#endif

#endif
