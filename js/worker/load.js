// load.js (worker): service.load() — the image is acquired (decoded once) and pinned in the
// store until its ImageHandle is released. value: { width, height, format }.
export default {
  pin: true,
  workBytes: () => 0,
  run({ images: [image] }) {
    return { value: { width: image.width, height: image.height, format: image.format }, transfer: [] };
  },
};
