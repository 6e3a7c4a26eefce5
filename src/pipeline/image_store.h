// image_store.h: decoded images kept inside the module between calls (the worker's intermediate
// cache): decode once, run many variant batches on the same pixels, release when evicted. The
// source's ICC profile, EXIF and XMP stay beside the pixels for the exports that keep them.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/image.h"
#include "pipeline/carried_metadata.h"

namespace pixelpipe::pipeline {

// Takes ownership; returns a positive handle.
int store_image(Image image, CarriedMetadata metadata = {});
// nullptr when the handle is unknown (released or never issued).
const Image *find_image(int handle);
const CarriedMetadata *find_metadata(int handle);
// false when the handle is unknown.
bool release_image(int handle);
// Moves the pixels out of the store (an empty Image when the handle is unknown). The handle stays
// valid, holding an empty image, until released as usual. For a call's own copy of an input,
// which is freed after the call anyway: the call may keep the pixels instead of copying them.
Image take_image(int handle);
// Pixel bytes held by all stored images (the metadata blobs, a few KB each, are not counted).
size_t stored_image_bytes();
int stored_image_count();

}  // namespace pixelpipe::pipeline
