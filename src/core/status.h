// status.h: errors travel as values. Emscripten 3.1.6 builds without exception support, where a
// C++ `throw` aborts the whole module; so nothing in src/ throws, and every fallible function
// returns Status or Result<T>. Codes are the same SCREAMING_SNAKE strings the JS errors carry.
#pragma once
#include <string>
#include <utility>

namespace pixelpipe {

enum class ErrorCode {
    OK,
    INVALID_ARGUMENT,     // a spec the JS layer should have rejected (defence in depth)
    UNSUPPORTED_FORMAT,   // bytes are not an image format we decode
    DECODE_FAILED,        // recognised format, damaged or unsupported variant
    IMAGE_TOO_LARGE,      // over the pixel or side limit (checked before allocating)
    OUT_OF_MEMORY,        // an allocation failed
    ENCODE_FAILED,
    UNSUPPORTED_OPERATION,
    INTERNAL,             // a Halide pipeline or invariant failed
};

const char *error_code_name(ErrorCode code);

struct Status {
    ErrorCode code = ErrorCode::OK;
    std::string message;
    int variant = -1;  // index into the variant list, when known
    int step = -1;     // index into that variant's steps, when known

    static Status ok() { return {}; }
    static Status error(ErrorCode c, std::string msg) { Status s; s.code = c; s.message = std::move(msg); return s; }
    bool is_ok() const { return code == ErrorCode::OK; }
};

// The return code of a Halide pipeline or of halide_do_par_for: OK for 0, else INTERNAL naming
// `what` ("pp_resample failed (Halide error -3)").
Status halide_status(const char *what, int err);

// A value or a Status. Minimal on purpose: no exceptions, no heap beyond T itself.
template <typename T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}
    Result(Status status) : status_(std::move(status)) {}
    bool ok() const { return status_.is_ok(); }
    const Status &status() const { return status_; }
    Status &status() { return status_; }
    T &value() { return value_; }
    const T &value() const { return value_; }
    T take() { return std::move(value_); }

private:
    T value_{};
    Status status_;
};

}  // namespace pixelpipe
