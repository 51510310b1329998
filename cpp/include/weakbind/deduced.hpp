// weakbind/deduced.hpp — arguments a template parameter receives.
//
// A scalar or enum argument reaches C++ as detail::Exact (convert.hpp): it
// converts only to its type word's type, so a word that disagrees with a
// parameter fails to compile. But a template parameter deduces Exact
// itself, not the word's type, and the callee then sees a class where it
// expects a number (Eigen's `Matrix(const T0&, const T1&)`). So each
// argument is first tried as a type nothing converts to (AnyType): a
// callee that accepts it there takes any type there, and gets the word's
// own type, which is the type it deduces — agreement by construction.
// Every other argument stays Exact and is checked as before.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "convert.hpp"

namespace weakbind::detail {

// No conversion to or from anything: only a template parameter (or a
// parameter constructible from anything) accepts it.
struct AnyType {};

template <class A> struct is_exact : std::false_type {};
template <class T, class Where> struct is_exact<Exact<T, Where>> : std::true_type {};

// Whether `f`, given `Args` but AnyType at position I, can be called.
template <std::size_t I, class F, class Args, std::size_t... K>
constexpr bool takes_any_at(std::index_sequence<K...>) {
  return std::is_invocable_v<F, std::conditional_t<K == I, AnyType &&, std::tuple_element_t<K, Args>>...>;
}

// An Exact argument as its word's own type where the callee takes any type.
template <bool Plain, class A> decltype(auto) deduced_arg(A &&a) {
  if constexpr (Plain && is_exact<std::decay_t<A>>::value) {
    return a.value;
  } else {
    return std::forward<A>(a);
  }
}

template <class F, std::size_t... K, class... A>
decltype(auto) call_deduced_at(F &f, std::index_sequence<K...> seq, A &&...a) {
  using Args = std::tuple<A &&...>;
  return f(deduced_arg<takes_any_at<K, F &, Args>(seq)>(std::forward<A>(a))...);
}

// Calls `f` (a generic lambda forwarding to the C++ member, SFINAE-friendly
// by its return type) with the arguments, each Exact one unwrapped where a
// template parameter receives it.
template <class F, class... A> decltype(auto) call_deduced(F &&f, A &&...a) {
  return call_deduced_at(f, std::index_sequence_for<A...>{}, std::forward<A>(a)...);
}

}  // namespace weakbind::detail

// `callee(arguments…)` with the type words' arguments, as call_deduced
// passes them. `callee` is a name or `new T`, never a lambda (a lambda
// cannot appear in the decltype that makes the forwarder SFINAE-friendly).
#define WB_DEDUCED(callee, ...)                                                        \
  ::weakbind::detail::call_deduced(                                                    \
      [&](auto &&...wb_a) -> decltype(callee(static_cast<decltype(wb_a) &&>(wb_a)...)) { \
        return callee(static_cast<decltype(wb_a) &&>(wb_a)...);                        \
      } __VA_OPT__(, ) WB_EACH(WB_ARG, __VA_ARGS__))
