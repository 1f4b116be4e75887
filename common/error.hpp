#pragma once
// Errors in two tiers: an error that concerns one input only (a corrupt PDF, a bad date)
// lets the rest of a batch go on; an error that concerns the whole run (the index cannot
// be opened, a rule file is broken) stops it. Parts return Result<T>; third-party
// exceptions are caught inside their adapter and turned into an Error.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace foialens {

enum class ErrorScope {
  input,  // this input failed; the batch goes on
  run,    // nothing more can be done in this run
};

struct Error {
  std::string message;  // "what failed: why", without the input's name
  ErrorScope scope = ErrorScope::input;

  static Error input(std::string msg) { return {std::move(msg), ErrorScope::input}; }
  static Error run(std::string msg) { return {std::move(msg), ErrorScope::run}; }
};

// A value or an Error. Small on purpose: ok(), value(), error(), and pointer-like access.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<T>(data_); }
  const T& value() const& { assert(ok()); return std::get<T>(data_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(data_)); }
  const Error& error() const { assert(!ok()); return std::get<Error>(data_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(failed_); return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace foialens
