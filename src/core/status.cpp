#include "core/status.h"

#include <string>

namespace pixelpipe {

Status halide_status(const char *what, int err) {
    if (err == 0) return Status::ok();
    return Status::error(ErrorCode::INTERNAL, std::string(what) + " failed (Halide error " + std::to_string(err) + ")");
}

const char *error_code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::OK: return "OK";
    case ErrorCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case ErrorCode::UNSUPPORTED_FORMAT: return "UNSUPPORTED_FORMAT";
    case ErrorCode::DECODE_FAILED: return "DECODE_FAILED";
    case ErrorCode::IMAGE_TOO_LARGE: return "IMAGE_TOO_LARGE";
    case ErrorCode::OUT_OF_MEMORY: return "OUT_OF_MEMORY";
    case ErrorCode::ENCODE_FAILED: return "ENCODE_FAILED";
    case ErrorCode::UNSUPPORTED_OPERATION: return "UNSUPPORTED_OPERATION";
    case ErrorCode::INTERNAL: return "INTERNAL";
    }
    return "INTERNAL";
}

}  // namespace pixelpipe
