// load.js: service.load(image) — decode once into the engine and return an ImageHandle that every
// method accepts as input (js/image-handle.js). The worker pins the image (js/worker/load.js).
export default {
  name: 'load',
  worker: 'load',
  cacheable: false,
  prepare([image]) {
    return { inputs: [{ image, path: 'image', keep: true }], request: {} };
  },
  finish: (value) => value,
  summary: (value) => `${value.width}x${value.height} ${value.format}`,
};
