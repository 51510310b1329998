// A small scene graph used from JS with no glue: nodes with string names,
// children owned by their parent and returned borrowed, a factory and a
// clone returning owned nodes, methods taking other nodes, and properties of
// every scalar type. The metadata records the macros write tell the loader
// all of it.
#include "weakbind/bind.hpp"

#include <memory>
#include <string>
#include <vector>

static int nodes_destroyed = 0;

class Node {
public:
  explicit Node(std::string name) : name_(std::move(name)), id(next_id_++) {}
  Node(std::string name, double x, double y) : Node(std::move(name)) {
    this->x = x;
    this->y = y;
  }
  virtual ~Node() { ++nodes_destroyed; }

  std::string name() const { return name_; }
  void set_name(std::string_view name) { name_ = name; }
  Node &self() { return *this; }

  // Children belong to their parent: JS gets them borrowed.
  Node &add_child(std::string name) {
    children_.push_back(std::make_unique<Node>(std::move(name)));
    return *children_.back();
  }
  int32_t child_count() const { return static_cast<int32_t>(children_.size()); }
  Node *child(int32_t i) {
    return i >= 0 && i < child_count() ? children_[i].get() : nullptr;
  }
  // Depth-first search below this node.
  Node *find(std::string_view name) {
    for (auto &c : children_) {
      if (c->name_ == name) return c.get();
      if (Node *found = c->find(name)) return found;
    }
    return nullptr;
  }
  bool contains(const Node &other) const {
    for (auto &c : children_)
      if (c.get() == &other || c->contains(other)) return true;
    return false;
  }
  // Levels from this node down to `other`; -1 if absent or null.
  int32_t depth_of(const Node *other) const {
    if (!other) return -1;
    if (other == this) return 0;
    for (auto &c : children_) {
      int32_t d = c->depth_of(other);
      if (d >= 0) return d + 1;
    }
    return -1;
  }
  // A deep copy JS owns.
  std::unique_ptr<Node> clone() const {
    auto copy = std::make_unique<Node>(name_, x, y);
    for (auto &c : children_) copy->children_.push_back(c->clone());
    return copy;
  }
  static std::unique_ptr<Node> make(std::string_view name) { return std::make_unique<Node>(std::string(name)); }
  // FNV-1a over the names of the subtree: a u64 that needs all 64 bits.
  uint64_t checksum() const {
    uint64_t h = 0xcbf29ce484222325ull;
    for (char ch : name_) h = (h ^ static_cast<uint8_t>(ch)) * 0x100000001b3ull;
    for (auto &c : children_) h = (h ^ c->checksum()) * 0x100000001b3ull;
    return h;
  }
  int64_t offset_id(int64_t delta) const { return id + delta; }
  // An object in and out, and a string in and out: the shapes whose per-call
  // cost `make bench-typed` measures.
  Node &or_self(Node *other) { return other ? *other : *this; }
  std::string echo(std::string_view text) const { return std::string(text); }

  void set_user_data(weakbind::JsRef value) { user_data_ = std::move(value); }
  weakbind::JsRef user_data() const { return user_data_; }

  double x = 0, y = 0;
  float scale = 1;
  uint32_t flags = 0;
  bool visible = true;
  std::vector<uint8_t> tag;
  const int64_t id;

private:
  static inline int64_t next_id_ = 1;
  std::string name_;
  std::vector<std::unique_ptr<Node>> children_;
  weakbind::JsRef user_data_;
};

// A Group is a Node (single inheritance, same address): JS may pass one
// wherever a Node is expected.
class Group : public Node {
public:
  explicit Group(std::string name) : Node(std::move(name)) {}
  int32_t layer = 0;
};

WEAKBIND_CLASS(Node);
WEAKBIND_CONSTRUCTOR(Node, string);
WEAKBIND_CONSTRUCTOR(Node, string, f64, f64);
WEAKBIND_METHOD(Node, name, string);
WEAKBIND_METHOD(Node, set_name, void, string);
WEAKBIND_METHOD(Node, self, ref(Node));
WEAKBIND_METHOD(Node, add_child, ref(Node), string);
WEAKBIND_METHOD(Node, child_count, i32);
WEAKBIND_METHOD(Node, child, ref_or_null(Node), i32);
WEAKBIND_METHOD(Node, find, ref_or_null(Node), string);
WEAKBIND_METHOD(Node, contains, bool, obj(Node));
WEAKBIND_METHOD(Node, depth_of, i32, nullable(Node));
WEAKBIND_METHOD(Node, clone, own(Node));
WEAKBIND_METHOD(Node, checksum, u64);
WEAKBIND_METHOD(Node, offset_id, i64, i64);
WEAKBIND_METHOD(Node, or_self, ref(Node), nullable(Node));
WEAKBIND_METHOD(Node, echo, string, string);
WEAKBIND_METHOD(Node, set_user_data, void, js);
WEAKBIND_METHOD(Node, user_data, js);
WEAKBIND_STATIC(Node, make, own(Node), string);
WEAKBIND_PROPERTY(Node, x, f64);
WEAKBIND_PROPERTY(Node, y, f64);
WEAKBIND_PROPERTY(Node, scale, f32);
WEAKBIND_PROPERTY(Node, flags, u32);
WEAKBIND_PROPERTY(Node, visible, bool);
WEAKBIND_PROPERTY(Node, tag, bytes);
WEAKBIND_READONLY(Node, id, i64);

WEAKBIND_CLASS_DERIVED(Group, Node);
WEAKBIND_CONSTRUCTOR(Group, string);
WEAKBIND_PROPERTY(Group, layer, i32);

WEAKBIND_EXPORT int scene_nodes_destroyed() { return nodes_destroyed; }
