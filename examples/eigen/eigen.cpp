// examples/eigen/eigen.cpp — a slice of Eigen 3.4 bound with weakbind's
// typed macros: dynamic matrices, quaternions, four solvers behind one
// virtual base, a symmetric eigen-solver, two enums, and a
// Levenberg–Marquardt fit over a model JS implements. The library beyond
// Eigen is library.hpp; every wrapper written for JS is below, listed in
// README.md with why it is needed.
#include "library.hpp"

#include "weakbind/bind.hpp"
#include "weakbind/interfaces.hpp"

using Eigen::MatrixXd;
using Eigen::VectorXd;
using weakbind::ArrayArg;

// Wrappers: what array(f64) and value(Vec3) are in C++ (std::vector,
// ArrayArg, a struct with data members), to and from Eigen's types.
static VectorXd vec(ArrayArg<double> a) { return Eigen::Map<const VectorXd>(a.data, a.size); }
static std::vector<double> arr(const VectorXd &v) { return {v.data(), v.data() + v.size()}; }
struct Vec3 {
  double x, y, z;
};
static Eigen::Vector3d v3(const Vec3 &v) { return {v.x, v.y, v.z}; }

WEAKBIND_ENUM_AS(lib::Kind, Kind, LU, QR, Cholesky, SVD);
WEAKBIND_ENUM_AS(lib::Norm, Norm, L1, Frobenius, Max);
WEAKBIND_VALUE(Vec3, (x, f64), (y, f64), (z, f64));

WEAKBIND_CLASS_AS(Eigen::MatrixXd, Matrix);
WEAKBIND_CONSTRUCTOR(Matrix);
WEAKBIND_CONSTRUCTOR(Matrix, i32, i32);
WEAKBIND_STATIC_AS(Matrix, Zero, zeros, own(Matrix), i32, i32);
WEAKBIND_STATIC_AS(Matrix, Identity, identity, own(Matrix), i32, i32);
WEAKBIND_METHOD(Matrix, rows, i32);
WEAKBIND_METHOD(Matrix, cols, i32);
WEAKBIND_METHOD_AS(Matrix, operator(), get, f64, i32, i32);
WEAKBIND_METHOD_FUNCTION(Matrix, ([](MatrixXd &m, int32_t i, int32_t j, double v) { m(i, j) = v; }), set, void, i32, i32, f64);
WEAKBIND_METHOD_AS(Matrix, operator*, multiply, own(Matrix), obj(Matrix));
WEAKBIND_METHOD_AS(Matrix, operator+, add, own(Matrix), obj(Matrix));
WEAKBIND_METHOD(Matrix, transpose, own(Matrix));
WEAKBIND_METHOD(Matrix, inverse, own(Matrix));
WEAKBIND_METHOD(Matrix, determinant, f64);
WEAKBIND_METHOD_FUNCTION(Matrix, lib::norm, norm, f64, enum(Norm));
WEAKBIND_METHOD_FUNCTION(Matrix, ([](const MatrixXd &m, ArrayArg<double> v) { return arr(m * vec(v)); }), apply, array(f64), array(f64));

WEAKBIND_CLASS_AS(Eigen::Quaterniond, Quaternion);
WEAKBIND_CONSTRUCTOR(Quaternion, f64, f64, f64, f64);
WEAKBIND_FUNCTION_AS(([](double angle, Vec3 axis) { return Eigen::Quaterniond(Eigen::AngleAxisd(angle, v3(axis).normalized())); }), axis_angle, own(Quaternion), f64, value(Vec3));
WEAKBIND_METHOD(Quaternion, w, f64);
WEAKBIND_METHOD(Quaternion, x, f64);
WEAKBIND_METHOD(Quaternion, y, f64);
WEAKBIND_METHOD(Quaternion, z, f64);
WEAKBIND_METHOD_AS(Quaternion, operator*, compose, own(Quaternion), obj(Quaternion));
WEAKBIND_METHOD(Quaternion, normalized, own(Quaternion));
WEAKBIND_METHOD(Quaternion, norm, f64);
WEAKBIND_METHOD(Quaternion, angularDistance, f64, obj(Quaternion));
WEAKBIND_METHOD_FUNCTION(Quaternion, ([](const Eigen::Quaterniond &q, Vec3 v) { Eigen::Vector3d r = q * v3(v); return Vec3{r.x(), r.y(), r.z()}; }), rotate, value(Vec3), value(Vec3));

WEAKBIND_CLASS_AS(lib::Solver, Solver);
WEAKBIND_METHOD(Solver, kind, enum(Kind));
WEAKBIND_METHOD_FUNCTION(Solver, ([](const lib::Solver &s, ArrayArg<double> b) { return arr(s.solve(vec(b))); }), solve, array(f64), array(f64));
WEAKBIND_CLASS_DERIVED_AS(lib::LU, LU, Solver);
WEAKBIND_CONSTRUCTOR(LU, obj(Matrix));
WEAKBIND_CLASS_DERIVED_AS(lib::QR, QR, Solver);
WEAKBIND_CONSTRUCTOR(QR, obj(Matrix));
WEAKBIND_CLASS_DERIVED_AS(lib::Cholesky, Cholesky, Solver);
WEAKBIND_CONSTRUCTOR(Cholesky, obj(Matrix));
WEAKBIND_CLASS_DERIVED_AS(lib::SVD, SVD, Solver);
WEAKBIND_CONSTRUCTOR(SVD, obj(Matrix));
WEAKBIND_FUNCTION_AS(lib::make_solver, solver, own(Solver), obj(Matrix), enum(Kind));

WEAKBIND_CLASS_AS(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>, SymmetricEigen);
WEAKBIND_CONSTRUCTOR(SymmetricEigen, obj(Matrix));
WEAKBIND_METHOD_FUNCTION(SymmetricEigen, ([](const SymmetricEigen &e) { return arr(e.eigenvalues()); }), eigenvalues, array(f64));
WEAKBIND_METHOD(SymmetricEigen, eigenvectors, own(Matrix));

WEAKBIND_CLASS_AS(lib::Model, Model);
WEAKBIND_INTERFACE(Model, (pure, count, i32), (pure, residual, f64, i32, f64, f64));
WEAKBIND_INTERFACE_CONSTRUCTOR(Model);
WEAKBIND_VALUE_AS(lib::Fit, Fit, (a, f64), (b, f64), (cost, f64), (iterations, i32), (converged, bool));
WEAKBIND_FUNCTION_AS(lib::levenberg_marquardt, levenberg_marquardt, value(Fit), obj(Model), f64, f64, i32);
