// libjpeg_errors.h: libjpeg's error manager, shared by the JPEG encoder and decoder. libjpeg
// reports a fatal error through error_exit, which must not return: it longjmps back to the
// setjmp in the caller's run(), where only C objects live (no destructor is skipped). The message
// is formatted first, so the caller can turn it into a Status after run() returns.
#pragma once
#include <csetjmp>
#include <cstdio>

#include "jpeglib.h"

namespace pixelpipe::codec {

struct LibjpegErrors {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX] = {0};
    int code = -1;  // libjpeg's msg_code of the fatal message; -1 when the caller wrote `message`
};

// Ends the libjpeg call in progress: formats libjpeg's message for `code` (code >= 0) and longjmps.
[[noreturn]] inline void libjpeg_fail(j_common_ptr cinfo, int code) {
    auto *err = reinterpret_cast<LibjpegErrors *>(cinfo->err);
    err->code = code;
    if (code >= 0) (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

inline void libjpeg_on_error(j_common_ptr cinfo) { libjpeg_fail(cinfo, cinfo->err->msg_code); }
inline void libjpeg_ignore_message(j_common_ptr, int) {}  // no stderr noise in the module

// The error manager to put in cinfo.err: errors end in libjpeg_fail; warnings and trace messages
// go to `on_message` (ignored by default).
inline jpeg_error_mgr *libjpeg_errors(LibjpegErrors &err, void (*on_message)(j_common_ptr, int) = libjpeg_ignore_message) {
    jpeg_std_error(&err.base);
    err.base.error_exit = libjpeg_on_error;
    err.base.emit_message = on_message;
    return &err.base;
}

}  // namespace pixelpipe::codec
