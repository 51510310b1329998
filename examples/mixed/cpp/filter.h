/* filter.h — what C++ calls of the Rust Filter (src/lib.rs defines these
 * with #[no_mangle]). */
#ifndef MIXED_FILTER_H
#define MIXED_FILTER_H

#include "matrix.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Filter Filter;

/* The filter's point function: gain * x + offset. */
double filter_value(const Filter *f, double x);
/* The whole filter (blur, mask, point function) applied to `m`: a new
 * matrix the caller owns, or NULL when memory runs out. */
Matrix *filter_apply(const Filter *f, const Matrix *m);

#ifdef __cplusplus
}
#endif

#endif
