#include "pipeline/image_store.h"

#include <map>
#include <utility>

namespace pixelpipe::pipeline {
namespace {

// One store per module instance. A worker runs one call at a time, so no lock is needed; the
// Halide pthreads never touch it.
struct Entry {
    Image image;
    CarriedMetadata metadata;
};

struct Store {
    std::map<int, Entry> images;
    int next_handle = 1;
    size_t bytes = 0;
};

Store &store() {
    static Store s;
    return s;
}

}  // namespace

int store_image(Image image, CarriedMetadata metadata) {
    Store &s = store();
    const int handle = s.next_handle++;
    s.bytes += image.size_bytes();
    s.images.emplace(handle, Entry{std::move(image), std::move(metadata)});
    return handle;
}

const Image *find_image(int handle) {
    auto &images = store().images;
    auto it = images.find(handle);
    return it == images.end() ? nullptr : &it->second.image;
}

const CarriedMetadata *find_metadata(int handle) {
    auto &images = store().images;
    auto it = images.find(handle);
    return it == images.end() ? nullptr : &it->second.metadata;
}

bool release_image(int handle) {
    Store &s = store();
    auto it = s.images.find(handle);
    if (it == s.images.end()) return false;
    s.bytes -= it->second.image.size_bytes();
    s.images.erase(it);
    return true;
}
Image take_image(int handle) {
    Store &s = store();
    auto it = s.images.find(handle);
    if (it == s.images.end()) return Image();
    s.bytes -= it->second.image.size_bytes();
    Image taken = std::move(it->second.image);
    it->second.image = Image();  // a moved-from Image keeps its size, which release_image subtracts
    return taken;
}

size_t stored_image_bytes() { return store().bytes; }

int stored_image_count() { return int(store().images.size()); }

}  // namespace pixelpipe::pipeline
