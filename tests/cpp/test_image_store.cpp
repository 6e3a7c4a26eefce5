// test_image_store.cpp: the decoded-image store's bookkeeping when a call takes an image's pixels
// (take_image, used by createComposite for its own copy of a raw input): the pixels move out
// unchanged, the byte count drops at once, and the handle is released as usual without counting
// the bytes twice. argv[1] = test data folder (unused).
#include <cstring>

#include "check.h"
#include "pipeline/image_store.h"

using namespace pixelpipe;

int main() {
    const size_t before = pipeline::stored_image_bytes();
    const int count = pipeline::stored_image_count();
    auto allocated = Image::allocate(3, 2);
    CHECK(allocated.ok());
    if (!allocated.ok()) return check_summary();
    std::memset(allocated.value().data(), 7, allocated.value().size_bytes());
    const uint8_t *pixels = allocated.value().data();
    const int handle = pipeline::store_image(allocated.take());
    CHECK(pipeline::stored_image_bytes() == before + 24);

    Image taken = pipeline::take_image(handle);
    CHECK(taken.data() == pixels);  // moved, not copied
    CHECK(taken.width() == 3 && taken.height() == 2 && taken.data()[23] == 7);
    CHECK(pipeline::stored_image_bytes() == before);
    CHECK(pipeline::find_image(handle) != nullptr && pipeline::find_image(handle)->empty());
    CHECK(pipeline::take_image(handle).empty());  // nothing left to take
    CHECK(pipeline::release_image(handle));
    CHECK(pipeline::stored_image_bytes() == before);
    CHECK(pipeline::stored_image_count() == count);
    CHECK(pipeline::take_image(handle).empty());  // unknown handle
    return check_summary();
}
