// fuzz_exif: codec/exif.cpp on any bytes, both as a JPEG (the APP1 segment walk) and as the bare
// TIFF block inside it (orientation and the fields analyzeImage reports).
#include "codec/exif.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    const int from_jpeg = codec::jpeg_exif_orientation(data, size);
    const int from_tiff = codec::tiff_orientation(data, size);
    if (from_jpeg < 1 || from_jpeg > 8 || from_tiff < 1 || from_tiff > 8) std::abort();
    const codec::ExifFields f = codec::tiff_exif_fields(data, size);
    if (f.make.size() > size || f.model.size() > size || f.date_time.size() > size) std::abort();
    return 0;
}
