// The out-of-tree project: one class with typed exports (weakbind/bind.hpp)
// and one with the seed's naming convention (weakbind.hpp), both from the
// installed headers.
#include <weakbind/bind.hpp>

#include <string>

static int destroyed = 0;

struct Circle {
  explicit Circle(double r) : radius(r) {}
  ~Circle() { ++destroyed; }
  double area() const { return 3.0 * radius * radius; }
  void grow(double by) { radius += by; }
  std::string label() const { return "circle of radius " + std::to_string(static_cast<int>(radius)); }
  double radius;
};

WEAKBIND_CLASS(Circle);
WEAKBIND_CONSTRUCTOR(Circle, f64);
WEAKBIND_METHOD(Circle, area, f64);
WEAKBIND_METHOD(Circle, grow, void, f64);
WEAKBIND_METHOD(Circle, label, string);
WEAKBIND_PROPERTY(Circle, radius, f64);

struct Square {
  explicit Square(int side) : side(side) {}
  ~Square() { ++destroyed; }
  int side;
};

WEAKBIND_EXPORT Square *_Square__constructor(int side) { return new Square(side); }
WEAKBIND_EXPORT void _Square__destructor(Square *s) { delete s; }
WEAKBIND_EXPORT int _Square__area(Square *s) { return s->side * s->side; }

WEAKBIND_EXPORT int shapes_destroyed() { return destroyed; }
