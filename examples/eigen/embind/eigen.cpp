// examples/eigen/embind/eigen.cpp — the slice of Eigen 3.4 that
// ../eigen.cpp binds with weakbind, bound with embind (Emscripten 3.1.6),
// for comparing the glue each needs (../count-glue.mjs). The same library
// (../library.hpp) and the same JS names; embind's own idioms where they
// differ (Model.extend for the interface, a Vector3d value object through
// accessors). `make eigen-embind` builds it.
#include "../library.hpp"

#include <emscripten/bind.h>

using namespace emscripten;
using Eigen::MatrixXd;
using Eigen::Quaterniond;
using Eigen::Vector3d;
using Eigen::VectorXd;
using SymmetricEigen = Eigen::SelfAdjointEigenSolver<MatrixXd>;

// Wrappers: a Float64Array to and from Eigen's vectors.
static val to_array(const VectorXd &v) { return val::global("Float64Array").new_(typed_memory_view(v.size(), v.data())); }
static VectorXd from_array(const val &a) {
  std::vector<double> v = convertJSArrayToNumberVector<double>(a);
  return Eigen::Map<VectorXd>(v.data(), v.size());
}

// Wrapper: the JS implementation of Model's pure virtuals.
struct ModelWrapper : wrapper<lib::Model> {
  EMSCRIPTEN_WRAPPER(ModelWrapper);
  int32_t count() const override { return call<int32_t>("count"); }
  double residual(int32_t i, double a, double b) const override { return call<double>("residual", i, a, b); }
};

EMSCRIPTEN_BINDINGS(eigen) {
  enum_<lib::Kind>("Kind").value("LU", lib::Kind::LU).value("QR", lib::Kind::QR).value("Cholesky", lib::Kind::Cholesky).value("SVD", lib::Kind::SVD);
  enum_<lib::Norm>("Norm").value("L1", lib::Norm::L1).value("Frobenius", lib::Norm::Frobenius).value("Max", lib::Norm::Max);
  value_object<Vector3d>("Vec3")
      .field("x", +[](const Vector3d &v) { return v.x(); }, +[](Vector3d &v, double x) { v.x() = x; })
      .field("y", +[](const Vector3d &v) { return v.y(); }, +[](Vector3d &v, double y) { v.y() = y; })
      .field("z", +[](const Vector3d &v) { return v.z(); }, +[](Vector3d &v, double z) { v.z() = z; });

  class_<MatrixXd>("Matrix")
      .constructor<>()
      .class_function("zeros", optional_override([](int r, int c) -> MatrixXd { return MatrixXd::Zero(r, c); }))
      .class_function("identity", optional_override([](int r, int c) -> MatrixXd { return MatrixXd::Identity(r, c); }))
      .function("rows", optional_override([](const MatrixXd &m) { return int(m.rows()); }))
      .function("cols", optional_override([](const MatrixXd &m) { return int(m.cols()); }))
      .function("get", optional_override([](const MatrixXd &m, int i, int j) { return m(i, j); }))
      .function("set", optional_override([](MatrixXd &m, int i, int j, double v) { m(i, j) = v; }))
      .function("multiply", optional_override([](const MatrixXd &m, const MatrixXd &o) -> MatrixXd { return m * o; }))
      .function("add", optional_override([](const MatrixXd &m, const MatrixXd &o) -> MatrixXd { return m + o; }))
      .function("transpose", optional_override([](const MatrixXd &m) -> MatrixXd { return m.transpose(); }))
      .function("inverse", optional_override([](const MatrixXd &m) -> MatrixXd { return m.inverse(); }))
      .function("determinant", optional_override([](const MatrixXd &m) { return m.determinant(); }))
      .function("norm", &lib::norm)
      .function("apply", optional_override([](const MatrixXd &m, const val &v) { return to_array(m * from_array(v)); }));

  class_<Quaterniond>("Quaternion")
      .constructor<double, double, double, double>()
      .function("w", optional_override([](const Quaterniond &q) { return q.w(); }))
      .function("x", optional_override([](const Quaterniond &q) { return q.x(); }))
      .function("y", optional_override([](const Quaterniond &q) { return q.y(); }))
      .function("z", optional_override([](const Quaterniond &q) { return q.z(); }))
      .function("compose", optional_override([](const Quaterniond &q, const Quaterniond &o) { return Quaterniond(q * o); }))
      .function("normalized", optional_override([](const Quaterniond &q) { return q.normalized(); }))
      .function("norm", optional_override([](const Quaterniond &q) { return q.norm(); }))
      .function("angularDistance", optional_override([](const Quaterniond &q, const Quaterniond &o) { return q.angularDistance(o); }))
      .function("rotate", optional_override([](const Quaterniond &q, const Vector3d &v) -> Vector3d { return q * v; }));
  function("axis_angle", optional_override([](double angle, const Vector3d &axis) { return Quaterniond(Eigen::AngleAxisd(angle, axis.normalized())); }));

  class_<lib::Solver>("Solver")
      .function("kind", &lib::Solver::kind)
      .function("solve", optional_override([](const lib::Solver &s, const val &b) { return to_array(s.solve(from_array(b))); }));
  class_<lib::LU, base<lib::Solver>>("LU").constructor<const MatrixXd &>();
  class_<lib::QR, base<lib::Solver>>("QR").constructor<const MatrixXd &>();
  class_<lib::Cholesky, base<lib::Solver>>("Cholesky").constructor<const MatrixXd &>();
  class_<lib::SVD, base<lib::Solver>>("SVD").constructor<const MatrixXd &>();
  function("solver", &lib::make_solver);

  class_<SymmetricEigen>("SymmetricEigen")
      .constructor<const MatrixXd &>()
      .function("eigenvalues", optional_override([](const SymmetricEigen &e) { return to_array(e.eigenvalues()); }))
      .function("eigenvectors", optional_override([](const SymmetricEigen &e) -> MatrixXd { return e.eigenvectors(); }));

  class_<lib::Model>("Model")
      .function("count", &lib::Model::count, pure_virtual())
      .function("residual", &lib::Model::residual, pure_virtual())
      .allow_subclass<ModelWrapper>("ModelWrapper");
  value_object<lib::Fit>("Fit").field("a", &lib::Fit::a).field("b", &lib::Fit::b).field("cost", &lib::Fit::cost).field("iterations", &lib::Fit::iterations).field("converged", &lib::Fit::converged);
  function("levenberg_marquardt", &lib::levenberg_marquardt);
}
