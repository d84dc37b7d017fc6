// Reading QR codes from a photo, a screenshot or the camera. The browser's own BarcodeDetector is
// used where it reads QR codes (Chrome on Android and macOS, Safari 17+); elsewhere the vendored
// ZXing polyfill (lookup/vendor/README.md) is imported on first use, with its WebAssembly file
// taken from this site. DOM and media code only; what a text means is decided in ecert.js.

const POLYFILL = "./vendor/barcode-detector/ponyfill.js";
const WASM = new URL("./vendor/zxing-wasm/zxing_reader.wasm", import.meta.url).href;
const SCAN_INTERVAL_MS = 250;

let pending = null;

async function makeDetector() {
  if ("BarcodeDetector" in globalThis) {
    try {
      if ((await globalThis.BarcodeDetector.getSupportedFormats()).includes("qr_code")) {
        return new globalThis.BarcodeDetector({ formats: ["qr_code"] });
      }
    } catch {
      // a browser that exposes the API without a detection service: use the polyfill
    }
  }
  const polyfill = await import(POLYFILL);
  polyfill.setZXingModuleOverrides({ locateFile: (path, prefix) => (path.endsWith(".wasm") ? WASM : prefix + path) });
  return new polyfill.BarcodeDetector({ formats: ["qr_code"] });
}

// One detector for the page; a failed load is tried again next time.
export function qrDetector() {
  if (!pending) {
    pending = makeDetector();
    pending.catch(() => { pending = null; });
  }
  return pending;
}

// Of the QR codes found, the electronic certificate's (JLZS…) first, then any other.
function choose(codes) {
  const texts = codes.map((code) => code.rawValue).filter(Boolean);
  return texts.find((text) => text.startsWith("JLZS")) || texts[0] || null;
}

export async function readImage(file) {
  const detector = await qrDetector();
  const bitmap = await createImageBitmap(file);
  try {
    return choose(await detector.detect(bitmap));
  } finally {
    bitmap.close();
  }
}

// The camera, shown in `video`, read a few times a second until a QR code is found.
export class CameraScanner {
  constructor(video) {
    this.video = video;
    this.stream = null;
    this.timer = null;
  }

  get running() {
    return this.stream !== null;
  }

  async start(onText) {
    const detector = await qrDetector();
    this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    const tick = async () => {
      if (!this.running) return;
      let text = null;
      if (this.video.readyState >= 2) text = choose(await detector.detect(this.video));
      if (text && this.running) {
        this.stop();
        onText(text);
      } else if (this.running) {
        this.timer = setTimeout(tick, SCAN_INTERVAL_MS);
      }
    };
    tick();
  }

  stop() {
    clearTimeout(this.timer);
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.stream = null;
    this.video.srcObject = null;
    this.video.hidden = true;
  }
}
