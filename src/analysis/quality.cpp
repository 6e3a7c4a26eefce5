// quality.cpp: the quality measures and their scores.
//
// Scores (each 0–1, higher is better):
//   sharpness  1 − exp(−s / 12), s = sqrt(max(0, σ_lap² − 20 σ_noise²)): the Laplacian's variance
//              minus what white noise of σ_noise adds (the kernel's squared weights sum to 20), so
//              added noise does not read as detail. s = 12 → 0.63, s = 30 → 0.92.
//   noise      1 / (1 + (σ_noise / 8)²): clean photos read 0.8–7.8 (Immerkær counts fine texture;
//              the 14 test photos at 1 MP), σ 8 → 0.5, σ 20 → 0.14. 8 (6 before the estimator
//              became the variance form, which reads ~1.3× higher) keeps originals ahead of their
//              degraded copies in 181 of 182 pairs.
//   exposure   1 − ((mean − 118) / 118)² − 3 (clippedShadows + clippedHighlights)
//              − 1.5 combing − clamp((192 − luma p99.5) / 64, 0, 1), clamped to 0..1:
//              mid-grey mean is best; each 1 % of clipped pixels costs 0.03. The last two terms
//              catch exposure changed after capture, which the mean alone rewards when it moves a
//              dark or bright photo toward mid-grey: brightening 8-bit data leaves empty codes
//              (combing 0.35 at +1.5 stops on all 14 test photos, 0 on 13 originals, 0.27 on one
//              posterised PNG); darkening leaves no near-white (luma p99.5 ≤ 160 at −1.5 stops,
//              ≥ 172 on every original). A legitimately low-key photo pays the headroom term too.
//   contrast   RMS c: c / 40 below 40, 1 up to 90, falling to 0 at 150.
//   entropy    (H − 4) / 3.5 clamped: 7.5 bits and above (a well-spread histogram) → 1.
//   jpegBlockiness  1 / (1 + (v / 0.25)²): v = 0.25 (grid steps 25 % above the rest) → 0.5.
//   resolution min(1, sqrt(MP / 8)): 2 MP → 0.5, 8 MP and above → 1.
// overallScore = weighted mean: sharpness 0.30, noise 0.20, exposure 0.20, contrast 0.10,
// jpegBlockiness 0.10 (only for JPEG input; otherwise its weight is spread over the rest),
// entropy 0.05, resolution 0.05, times (1 − ½ clippedChannels). Why: blur, noise and bad exposure
// are the defects that make a photo unusable and the ones a user can fix or reject on; contrast
// and entropy partly repeat exposure (low weights); resolution is a property of the file, not a
// defect of the shot. The factor: a burnt channel holds no detail that any other measure can give
// back, while brightening raises the Laplacian (a dark red flower +1.5 stops: sharpness 0.71 →
// 0.85, exposure already 0 both ways, so the mean alone rose). ½ keeps originals with bright
// skies or white backgrounds (up to 15 % clipped channels among the test photos) ahead of every
// degraded copy; 0.4–0.6 all do (tests/oracle/test_analysis_oracle.py's degradations).
#include "analysis/quality.h"

#include <algorithm>
#include <cmath>

#include "analysis/measures.h"

namespace pixelpipe::analysis {

namespace {

// Share of empty codes between the 1st and 99th percentile of a histogram.
double empty_code_share(const Hist256 &h) {
    double n = 0;
    for (int64_t c : h) n += double(c);
    if (n == 0) return 0;
    int lo = -1, hi = -1;
    double seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += double(h[size_t(v)]);
        if (lo < 0 && seen >= 0.01 * n) lo = v;
        if (hi < 0 && seen >= 0.99 * n) hi = v;
    }
    if (hi <= lo) return 0;
    int empty = 0;
    for (int v = lo; v <= hi; ++v) empty += h[size_t(v)] == 0;
    return double(empty) / (hi - lo + 1);
}

}  // namespace

Result<QualityMeasures> measure_quality(const Image &img, const LumaPlane &luma, const std::string &source_format,
                                        const Histograms *all) {
    QualityMeasures m;
    const double pixels = double(img.width()) * img.height();
    m.megapixels = pixels / 1e6;
    const int factor = pixels > kQualityMaxPixels ? int(std::ceil(std::sqrt(pixels / kQualityMaxPixels))) : 1;
    auto plane = box_downscale(luma, factor);
    if (!plane.ok()) return plane.status();
    const LumaPlane &p = plane.value();
    m.analyzed_width = p.width;
    m.analyzed_height = p.height;
    auto ln = laplacian_noise(p);
    if (!ln.ok()) return ln.status();
    m.laplacian_sigma = ln.value().laplacian_sigma;
    m.noise_sigma = ln.value().noise_sigma;

    Hist256 h{};
    for (uint8_t v : p.px) ++h[v];
    const ChannelStats s = channel_stats(h);
    m.mean_luma = s.mean;
    m.rms_contrast = s.stdev;
    m.entropy_bits = histogram_entropy_bits(h);
    const double n = double(p.px.size());
    m.clipped_shadows = double(h[0] + h[1] + h[2]) / n;
    m.clipped_highlights = double(h[253] + h[254] + h[255]) / n;

    Histograms own;
    if (!all) {
        // Combing and the clipped-channel share are properties of the histogram's shape: a
        // quarter of the rows shows them as well (the four-times-faster pass matters when quality
        // is asked for alone).
        auto hist = histograms(img, false, img.height() >= 1024 ? 4 : 1);
        if (!hist.ok()) return hist.status();
        own = hist.take();
        all = &own;
    }
    for (const Hist256 *c : {&all->r, &all->g, &all->b}) {
        m.combing = std::max(m.combing, empty_code_share(*c));
        if (all->count > 0) m.clipped_channels = std::max(m.clipped_channels, double((*c)[253] + (*c)[254] + (*c)[255]) / double(all->count));
    }
    int64_t seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += h[size_t(v)];
        if (double(seen) >= 0.995 * n) { m.luma_p995 = v; break; }
    }

    if (source_format == "jpeg" || source_format == "jpg") {
        auto b = jpeg_blockiness(luma);
        if (!b.ok()) return b.status();
        m.jpeg_blockiness = b.value();
    }
    return m;
}

QualityScores score_quality(const QualityMeasures &m) {
    QualityScores s;
    const double detail = std::sqrt(std::max(0.0, m.laplacian_sigma * m.laplacian_sigma - 20 * m.noise_sigma * m.noise_sigma));
    s.sharpness = 1 - std::exp(-detail / 12);
    s.noise = 1 / (1 + (m.noise_sigma / 8) * (m.noise_sigma / 8));
    const double e = (m.mean_luma - 118) / 118;
    const double headroom = std::clamp((192.0 - m.luma_p995) / 64.0, 0.0, 1.0);
    s.exposure = std::clamp(1 - e * e - 3 * (m.clipped_shadows + m.clipped_highlights) - 1.5 * m.combing - headroom, 0.0, 1.0);
    const double c = m.rms_contrast;
    s.contrast = c < 40 ? c / 40 : c <= 90 ? 1.0 : std::max(0.0, 1 - (c - 90) / 60);
    s.entropy = std::clamp((m.entropy_bits - 4) / 3.5, 0.0, 1.0);
    s.resolution = std::min(1.0, std::sqrt(m.megapixels / 8));
    double sum = 0.30 * s.sharpness + 0.20 * s.noise + 0.20 * s.exposure + 0.10 * s.contrast + 0.05 * s.entropy +
                 0.05 * s.resolution;
    double weight = 0.90;
    if (m.jpeg_blockiness) {
        const double v = *m.jpeg_blockiness / 0.25;
        s.jpeg_blockiness = 1 / (1 + v * v);
        sum += 0.10 * *s.jpeg_blockiness;
        weight += 0.10;
    }
    s.overall = std::clamp(sum / weight * (1 - 0.5 * m.clipped_channels), 0.0, 1.0);
    return s;
}

void write_quality(JsonWriter &json, const QualityMeasures &m, const QualityScores &s) {
    auto part = [&](const char *key, double value, double score) {
        json.key(key).begin_object().field("value", value).field("score", score).end_object();
    };
    json.key("quality").begin_object();
    json.field("overallScore", s.overall);
    part("sharpness", m.laplacian_sigma, s.sharpness);
    part("noise", m.noise_sigma, s.noise);
    json.key("exposure").begin_object().field("value", m.mean_luma).field("score", s.exposure);
    json.field("clippedShadows", m.clipped_shadows).field("clippedHighlights", m.clipped_highlights);
    json.field("clippedChannels", m.clipped_channels).end_object();
    part("contrast", m.rms_contrast, s.contrast);
    part("entropy", m.entropy_bits, s.entropy);
    if (m.jpeg_blockiness) part("jpegBlockiness", *m.jpeg_blockiness, *s.jpeg_blockiness);
    else json.key("jpegBlockiness").null();
    part("resolution", m.megapixels, s.resolution);
    json.field_int("analyzedWidth", m.analyzed_width).field_int("analyzedHeight", m.analyzed_height);
    json.end_object();
}

}  // namespace pixelpipe::analysis
