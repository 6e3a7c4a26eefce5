// composite_cmd.h: the native CLI's createComposite, for Python/Node oracle tests and benchmarks.
//
//   pixelpipe_native composite REQUEST.json OUT.ppraw [--repeat N]
// REQUEST.json (file paths relative to the request file's folder; colours as [r, g, b, a] 0..255,
// colour *strings* are the JS layer's job):
//   { "width": 800, "height": 420, "background": [0, 0, 0, 0],
//     "layers": [
//       { "image": "photo.png", "x": 0, "y": 0, "width": 800, "height": 420, "fit": "cover",
//         "opacity": 1, "blendMode": "normal", "rotate": 0,
//         "transforms": [ { "op": "grayscale" }, { "op": "gaussian_blur", "sigma": 2 } ],
//         "mask": "mask.png", "maskMode": "luminance" },
//       { "gradient": { "type": "linear", "angle": 180, "stops": [[0, [0,0,0,0]], [1, [0,0,0,200]]] },
//         "x": 0, "y": 220, "width": 800, "height": 200 },
//       { "gradient": { "type": "radial", "center": [100, 50], "radius": 80, "stops": [...] }, ... },
//       { "color": [255, 0, 0, 255], "x": 10, "y": 10, "width": 50, "height": 50, "blendMode": "multiply" },
//       { "text": "Hello", "font": "DejaVuSans.ttf", "size": 48, "color": [255,255,255,255],
//         "x": 40, "y": 300, "align": "left", "maxWidth": 700, "lineHeight": 1.2 } ] }
// A layer's kind: image, text, gradient, color, in that order of precedence (js-api.md).
// Prints {"width","height","bestMs"}; errors: "ERROR <CODE>: <field>: ... (layer N)", exit 2.
//
//   pixelpipe_native measure-text FONT SIZE MAX_WIDTH LINE_HEIGHT TEXT
// Prints {"boxWidth","boxHeight","lines":[{"text","width","x","baseline"}]} (text.h rules).
#pragma once

namespace pixelpipe::cli {

int cmd_composite(int argc, char **argv);
int cmd_measure_text(int argc, char **argv);

}  // namespace pixelpipe::cli
