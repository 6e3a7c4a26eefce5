#include "pipeline/image_store.h"

#include <map>
#include <utility>

namespace pixelpipe::pipeline {
namespace {

// One store per module instance. A worker runs one call at a time, so no lock is needed; the
// Halide pthreads never touch it.
struct Store {
    std::map<int, Image> images;
    int next_handle = 1;
    size_t bytes = 0;
};

Store &store() {
    static Store s;
    return s;
}

}  // namespace

int store_image(Image image) {
    Store &s = store();
    const int handle = s.next_handle++;
    s.bytes += image.size_bytes();
    s.images.emplace(handle, std::move(image));
    return handle;
}

const Image *find_image(int handle) {
    auto &images = store().images;
    auto it = images.find(handle);
    return it == images.end() ? nullptr : &it->second;
}

bool release_image(int handle) {
    Store &s = store();
    auto it = s.images.find(handle);
    if (it == s.images.end()) return false;
    s.bytes -= it->second.size_bytes();
    s.images.erase(it);
    return true;
}

size_t stored_image_bytes() { return store().bytes; }

int stored_image_count() { return int(store().images.size()); }

}  // namespace pixelpipe::pipeline
