// convert_while_decoding.cpp: see convert_while_decoding.h. Two tasks of one halide_do_par_for:
// 0 decodes and publishes its progress, 1 converts the published rows in bands. They share a
// mutex-guarded state; the converter sleeps on a condition variable between bands.
#include "codec/convert_while_decoding.h"

#include <condition_variable>
#include <mutex>
#include <string>

#include "HalideRuntime.h"

namespace pixelpipe::codec {
namespace {

// Rows converted at once: 64 rows of a 4000-pixel photo are 1 MB, still in the shared cache the
// decoder wrote them to, and the 188 bands of a 12 MP photo cost next to nothing to hand over.
constexpr int kBandRows = 64;

struct Shared {
    const color::MatrixTrcTables *tables = nullptr;
    void (*decode)(void *, const RowsDone &) = nullptr;
    void *decode_ctx = nullptr;

    std::mutex m;
    std::condition_variable cv;
    uint8_t *pixels = nullptr;
    int width = 0, height = 0;
    int ready = 0;           // rows the decoder has finished
    int converted = 0;       // rows converted
    bool converting = false;  // the converter is reading/writing `pixels` outside the lock
    bool finished = false;    // the decode returned (success or not)
    bool failed = false;      // the decoder is about to free `pixels`: touch nothing more
    Status status = Status::ok();
};

void on_rows(void *ctx, uint8_t *pixels, int width, int height, int rows_done) {
    auto *s = static_cast<Shared *>(ctx);
    std::unique_lock<std::mutex> lock(s->m);
    if (rows_done < 0) {
        s->failed = true;
        s->cv.notify_all();
        s->cv.wait(lock, [s] { return !s->converting; });
        return;
    }
    s->pixels = pixels, s->width = width, s->height = height, s->ready = rows_done;
    if (rows_done - s->converted >= kBandRows || rows_done == height) s->cv.notify_all();
}

void run_decode(Shared &s) {
    s.decode(s.decode_ctx, RowsDone{on_rows, &s});
    std::lock_guard<std::mutex> lock(s.m);
    s.finished = true;
    s.cv.notify_all();
}

void run_conversion(Shared &s) {
    std::unique_lock<std::mutex> lock(s.m);
    for (;;) {
        s.cv.wait(lock, [&s] { return s.failed || s.finished || s.ready - s.converted >= kBandRows || (s.ready == s.height && s.ready > s.converted); });
        if (s.failed || !s.status.is_ok() || s.ready == s.converted) {
            if (s.failed || s.finished || !s.status.is_ok()) return;
            continue;
        }
        const int y0 = s.converted, y1 = s.ready;
        s.converting = true;
        lock.unlock();
        Status st = color::apply_matrix_trc_rows(s.pixels, s.width, y0, y1, *s.tables);
        lock.lock();
        s.converting = false;
        if (st.is_ok()) {
            s.converted = y1;
        } else {
            s.status = std::move(st);
        }
        s.cv.notify_all();
    }
}

int task(void *, int index, uint8_t *closure) {
    auto &s = *reinterpret_cast<Shared *>(closure);
    if (index == 0) {
        run_decode(s);
    } else {
        run_conversion(s);
    }
    return 0;
}

}  // namespace

Result<int> convert_while_decoding_impl(const color::MatrixTrcTables &tables, void (*decode)(void *, const RowsDone &), void *ctx) {
    Shared s;
    s.tables = &tables, s.decode = decode, s.decode_ctx = ctx;
    const int err = halide_do_par_for(nullptr, task, 0, 2, reinterpret_cast<uint8_t *>(&s));
    if (Status st = halide_status("converting while decoding", err); !st.is_ok()) return st;
    if (!s.status.is_ok()) return s.status;
    return s.failed ? 0 : s.converted;
}

}  // namespace pixelpipe::codec
