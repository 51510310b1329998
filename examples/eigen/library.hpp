// examples/eigen/library.hpp — the C++ library both bindings expose
// (eigen.cpp with weakbind, embind/eigen.cpp with embind): Eigen itself,
// plus what Eigen has no class for. The solvers share one virtual base,
// the fit calls a model JS implements. Written once, counted in neither
// binding's glue (count-glue.mjs).
#ifndef EIGEN_EXAMPLE_LIBRARY_HPP
#define EIGEN_EXAMPLE_LIBRARY_HPP

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

namespace lib {

using Eigen::MatrixXd;
using Eigen::VectorXd;

enum class Kind : int32_t { LU, QR, Cholesky, SVD };
enum class Norm : int32_t { L1, Frobenius, Max };

// Entrywise norms (Eigen spells them as templates: lpNorm<1>, lpNorm<Infinity>).
inline double norm(const MatrixXd &m, Norm n) {
  switch (n) {
  case Norm::L1: return m.lpNorm<1>();
  case Norm::Max: return m.lpNorm<Eigen::Infinity>();
  default: return m.norm();
  }
}

// Solves a x = b for the matrix it was made from.
class Solver {
public:
  virtual ~Solver() = default;
  virtual Kind kind() const = 0;
  virtual VectorXd solve(const VectorXd &b) const = 0;
};

// One Eigen decomposition behind Solver; `options` go to its constructor.
template <class Decomposition, Kind K> class Decomposed : public Solver {
public:
  template <class... Options>
  explicit Decomposed(const MatrixXd &a, Options... options) : d_(a, options...) {}
  Kind kind() const override { return K; }
  VectorXd solve(const VectorXd &b) const override { return d_.solve(b); }

private:
  Decomposition d_;
};

struct LU : Decomposed<Eigen::PartialPivLU<MatrixXd>, Kind::LU> {
  using Decomposed::Decomposed;
};
struct QR : Decomposed<Eigen::HouseholderQR<MatrixXd>, Kind::QR> {
  using Decomposed::Decomposed;
};
struct Cholesky : Decomposed<Eigen::LLT<MatrixXd>, Kind::Cholesky> {
  using Decomposed::Decomposed;
};
struct SVD : Decomposed<Eigen::JacobiSVD<MatrixXd>, Kind::SVD> {
  explicit SVD(const MatrixXd &a) : Decomposed(a, Eigen::ComputeThinU | Eigen::ComputeThinV) {}
};

inline std::unique_ptr<Solver> make_solver(const MatrixXd &a, Kind kind) {
  switch (kind) {
  case Kind::LU: return std::make_unique<LU>(a);
  case Kind::QR: return std::make_unique<QR>(a);
  case Kind::Cholesky: return std::make_unique<Cholesky>(a);
  default: return std::make_unique<SVD>(a);
  }
}

// A two-parameter model of `count()` data points: residual(i, a, b) is
// the model's value at point i minus the data's.
class Model {
public:
  virtual ~Model() = default;
  virtual int32_t count() const = 0;
  virtual double residual(int32_t i, double a, double b) const = 0;
};

struct Fit {
  double a, b, cost; // cost: the sum of squared residuals
  int32_t iterations;
  bool converged;
};

// Levenberg–Marquardt over the model's residuals, the Jacobian by forward
// differences; stops when a step no longer lowers the cost measurably.
inline Fit levenberg_marquardt(const Model &model, double a, double b, int32_t max_iterations) {
  const int n = std::max(model.count(), 0);
  auto residuals = [&](const Eigen::Vector2d &p) {
    VectorXd r(n);
    for (int i = 0; i < n; ++i) r[i] = model.residual(i, p[0], p[1]);
    return r;
  };
  Eigen::Vector2d p(a, b);
  VectorXd r = residuals(p);
  double cost = r.squaredNorm(), lambda = 1e-3;
  int32_t it = 0;
  bool converged = n == 0;
  for (; it < max_iterations && !converged; ++it) {
    MatrixXd J(n, 2);
    for (int k = 0; k < 2; ++k) {
      Eigen::Vector2d q = p;
      double h = 1e-7 * std::max(1.0, std::abs(p[k]));
      q[k] += h;
      J.col(k) = (residuals(q) - r) / h;
    }
    Eigen::Matrix2d A = J.transpose() * J;
    Eigen::Vector2d g = J.transpose() * r;
    for (;;) {
      Eigen::Matrix2d damped = A;
      damped.diagonal() *= 1 + lambda;
      Eigen::Vector2d step = damped.ldlt().solve(-g);
      VectorXd r2 = residuals(p + step);
      double c2 = r2.squaredNorm();
      if (c2 < cost) {
        converged = cost - c2 <= 1e-14 * (1 + cost);
        p += step, r = r2, cost = c2, lambda *= 0.3;
        break;
      }
      lambda *= 10;
      if (lambda > 1e12) { // no step lowers the cost: a minimum
        converged = true;
        break;
      }
    }
  }
  return {p[0], p[1], cost, it, converged};
}

} // namespace lib

#endif // EIGEN_EXAMPLE_LIBRARY_HPP
