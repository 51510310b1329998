// embind's side of the value workloads (bench/README.md, "Values, arrays,
// enums and interfaces"): the shared functions of bench/peers/values.hpp
// bound the way embind's documentation shows. Two bindings of doubled():
// `doubled` over register_vector<double> (JS copies a Float64Array into
// the vector and back out), and `doubled_val`, which takes the
// Float64Array as an emscripten::val and returns a copy of a
// typed_memory_view of the result.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include "../values.hpp"

using namespace emscripten;

// convertJSArrayToNumberVector copies the typed array in with one set()
// into the vector's memory; the view of the result is sliced (copied into
// a new Float64Array) before the vector it views is freed.
static val doubled_val(const val &input) {
  std::vector<double> r = doubled(convertJSArrayToNumberVector<double>(input));
  return val(typed_memory_view(r.size(), r.data())).call<val>("slice");
}

// The JS subclass's methods, reached from C++ through the virtual.
struct ModelWrapper : public wrapper<Model> {
  EMSCRIPTEN_WRAPPER(ModelWrapper);
  double residual(double x) const override { return call<double>("residual", x); }
};

EMSCRIPTEN_BINDINGS(values) {
  value_object<Vec3>("Vec3").field("x", &Vec3::x).field("y", &Vec3::y).field("z", &Vec3::z);
  function("turn", &turn);

  register_vector<double>("VectorDouble");
  function("doubled", &doubled);
  function("doubled_val", &doubled_val);

  register_vector<std::string>("VectorString");
  function("labels", &labels);

  enum_<Shade>("Shade").value("Red", Shade::Red).value("Green", Shade::Green).value("Blue", Shade::Blue);
  function("next_shade", &next_shade);

  class_<Model>("Model")
      .function("residual", &Model::residual, pure_virtual())
      .allow_subclass<ModelWrapper>("ModelWrapper");
  function("sum_residuals", &sum_residuals);
}
