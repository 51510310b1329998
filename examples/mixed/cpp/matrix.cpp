// The C++ half of the mixed example: a dense matrix of doubles on libc++
// (std::vector, std::string), exported to JS by weakbind/bind.hpp's macros
// and to Rust by matrix.h. It uses the Rust Filter (filter.h) both ways: it
// maps itself through one, and it can keep one — retained, so the filter
// outlives its JS wrapper — to apply later.
#include "filter.h"
#include "matrix.h"

#include <stdexcept>

#include "weakbind/bind.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
#include <vector>

static int32_t destroyed = 0;

struct Matrix {
  // A negative dimension counts as 0 (JS can pass anything).
  Matrix(int32_t rows, int32_t cols)
      : rows_(std::max(rows, 0)), cols_(std::max(cols, 0)),
        cells_(static_cast<size_t>(rows_) * cols_) {}
  ~Matrix() { ++destroyed; }

  int32_t rows() const { return rows_; }
  int32_t cols() const { return cols_; }
  bool inside(int32_t r, int32_t c) const { return r >= 0 && r < rows_ && c >= 0 && c < cols_; }
  double get(int32_t r, int32_t c) const { return inside(r, c) ? cells_[index(r, c)] : 0.0; }
  void set(int32_t r, int32_t c, double v) {
    if (inside(r, c)) cells_[index(r, c)] = v;
  }
  double sum() const {
    double s = 0;
    for (double v : cells_) s += v;
    return s;
  }
  std::string describe() const {
    char buf[96];
    std::snprintf(buf, sizeof buf, "Matrix %dx%d, sum %g%s", rows_, cols_, sum(),
                  filter_ ? ", with a filter" : "");
    return buf;
  }

  // Every cell through the Rust filter's point function.
  std::unique_ptr<Matrix> map(const Filter &f) const {
    auto out = std::make_unique<Matrix>(rows_, cols_);
    for (size_t i = 0; i < cells_.size(); ++i) out->cells_[i] = filter_value(&f, cells_[i]);
    return out;
  }

  // Keeps `f` (a second owner beside its JS wrapper), or lets go of it.
  void set_filter(Filter *f) { filter_ = weakbind::Retained<Filter>(f); }
  bool has_filter() const { return static_cast<bool>(filter_); }
  // The kept filter applied by Rust; NULL without one.
  Matrix *filtered() const { return filter_ ? filter_apply(filter_.get(), this) : nullptr; }

private:
  size_t index(int32_t r, int32_t c) const { return static_cast<size_t>(r) * cols_ + c; }

  int32_t rows_, cols_;
  std::vector<double> cells_;
  weakbind::Retained<Filter> filter_;
};

WEAKBIND_CLASS(Matrix);
WEAKBIND_CONSTRUCTOR(Matrix, i32, i32);
WEAKBIND_METHOD(Matrix, rows, i32);
WEAKBIND_METHOD(Matrix, cols, i32);
WEAKBIND_METHOD(Matrix, get, f64, i32, i32);
WEAKBIND_METHOD(Matrix, set, void, i32, i32, f64);
WEAKBIND_METHOD(Matrix, sum, f64);
WEAKBIND_METHOD(Matrix, describe, string);
WEAKBIND_METHOD(Matrix, map, own(Matrix), obj(Filter));
WEAKBIND_METHOD(Matrix, set_filter, void, nullable(Filter));
WEAKBIND_METHOD(Matrix, has_filter, bool);
WEAKBIND_METHOD(Matrix, filtered, own_or_null(Matrix));

// Matrices destroyed so far, whoever owned them: the tests' count.
WEAKBIND_EXPORT int32_t mixed_matrices_destroyed() { return destroyed; }

// ---- matrix.h, for Rust ------------------------------------------------------

extern "C" Matrix *matrix_new(int32_t rows, int32_t cols) {
  if (rows < 0 || cols < 0 || (cols > 0 && rows > (1 << 24) / cols)) return nullptr;
  return new (std::nothrow) Matrix(rows, cols);
}
extern "C" void matrix_delete(Matrix *m) { delete m; }
extern "C" int32_t matrix_rows(const Matrix *m) { return m->rows(); }
extern "C" int32_t matrix_cols(const Matrix *m) { return m->cols(); }
extern "C" double matrix_get(const Matrix *m, int32_t r, int32_t c) { return m->get(r, c); }
extern "C" void matrix_set(Matrix *m, int32_t r, int32_t c, double v) { m->set(r, c, v); }
extern "C" double matrix_at(const Matrix *m, int32_t r, int32_t c) {
  if (r < 0 || c < 0 || r >= m->rows() || c >= m->cols()) throw std::out_of_range("matrix_at: no such cell");
  return m->get(r, c);
}
