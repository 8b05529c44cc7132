import zlib from 'node:zlib';

/**
 * The demo's images, drawn here pixel by pixel (simple flat scenes, the demo organisation's own
 * work) and encoded as PNG, so the demo ships no image file and needs no image library.
 */

type Rgb = [number, number, number];

class Canvas {
  readonly pixels: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  set(x: number, y: number, colour: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels.set(colour, (y * this.width + x) * 3);
  }

  rect(x0: number, y0: number, w: number, h: number, colour: Rgb): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y0 + h); y++) for (let x = Math.max(0, x0); x < Math.min(this.width, x0 + w); x++) this.set(x, y, colour);
  }

  circle(cx: number, cy: number, r: number, colour: Rgb): void {
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y, colour);
  }

  /** Fills every column from the curve `top(x)` down to the bottom edge. */
  below(top: (x: number) => number, colour: Rgb): void {
    for (let x = 0; x < this.width; x++) for (let y = Math.max(0, Math.round(top(x))); y < this.height; y++) this.set(x, y, colour);
  }

  /** Fills every column between the curves `top(x)` and `bottom(x)`. */
  band(top: (x: number) => number, bottom: (x: number) => number, colour: Rgb): void {
    for (let x = 0; x < this.width; x++) for (let y = Math.max(0, Math.round(top(x))); y < Math.min(this.height, Math.round(bottom(x))); y++) this.set(x, y, colour);
  }

  png(): Buffer {
    const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) this.pixels.copy(rows, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Shelves of books in a reading room. */
function readingRoom(): Buffer {
  const canvas = new Canvas(640, 360, [244, 236, 222]);
  const spines: Rgb[] = [[11, 92, 173], [168, 90, 0], [29, 122, 58], [138, 47, 143], [179, 38, 30], [25, 107, 122], [92, 92, 92]];
  for (let shelf = 0; shelf < 3; shelf++) {
    const base = 110 + shelf * 105;
    canvas.rect(40, base, 560, 10, [120, 84, 50]);
    let x = 48;
    let n = shelf * 3;
    while (x < 590) {
      const width = 14 + ((n * 7) % 13);
      const height = 62 + ((n * 11) % 26);
      canvas.rect(x, base - height, width, height, spines[n % spines.length]!);
      canvas.rect(x + 3, base - height + 10, width - 6, 4, [244, 236, 222]);
      x += width + 3;
      n++;
    }
  }
  canvas.rect(0, 340, 640, 20, [120, 84, 50]);
  return canvas.png();
}

/** A river winding through hills under a low sun, as a volunteer surveying it would see it. */
function riverSurvey(): Buffer {
  const canvas = new Canvas(640, 360, [206, 228, 242]);
  canvas.circle(500, 90, 38, [242, 169, 0]);
  canvas.below((x) => 190 + 30 * Math.sin(x / 90), [120, 170, 110]);
  canvas.below((x) => 240 + 22 * Math.sin(x / 60 + 1.5), [70, 130, 80]);
  canvas.band((x) => 250 + 60 * Math.sin(x / 120) + (x - 320) / 8, (x) => 272 + 60 * Math.sin(x / 120) + (x - 320) / 5, [40, 110, 170]);
  for (let i = 0; i < 6; i++) canvas.rect(60 + i * 95, 300 - (i % 3) * 12, 6, 26, [92, 64, 40]);
  return canvas.png();
}

/** Rows of archive boxes on open shelving, labelled for anyone to find. */
function openArchive(): Buffer {
  const canvas = new Canvas(640, 360, [232, 236, 240]);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 6; col++) {
      const x = 36 + col * 96;
      const y = 34 + row * 104;
      canvas.rect(x, y, 84, 84, [196, 160, 110]);
      canvas.rect(x + 18, y + 22, 48, 22, [250, 250, 246]);
      canvas.rect(x + 24, y + 30, 36, 4, [11, 92, 173]);
      canvas.rect(x + 36, y + 60, 12, 8, [120, 84, 50]);
    }
    canvas.rect(24, 122 + row * 104, 592, 6, [90, 98, 110]);
  }
  return canvas.png();
}

/** A demo image: its file, slug and alternative text in each language. */
export interface DemoImage {
  slug: string;
  filename: string;
  content: Buffer;
  alt: Record<string, string>;
}

export function demoImages(): DemoImage[] {
  return [
    {
      slug: 'demo-reading-room',
      filename: 'reading-room.png',
      content: readingRoom(),
      alt: {
        en: 'Drawing of three wooden shelves full of books with coloured spines.',
        es: 'Dibujo de tres estantes de madera llenos de libros de lomos de colores.',
        ar: 'رسم لثلاثة رفوف خشبية مليئة بكتب ذات كعوب ملونة.',
      },
    },
    {
      slug: 'demo-river-survey',
      filename: 'river-survey.png',
      content: riverSurvey(),
      alt: {
        en: 'Drawing of a blue river winding between green hills under a yellow sun, with survey posts along the bank.',
        es: 'Dibujo de un río azul que serpentea entre colinas verdes bajo un sol amarillo, con estacas de medición en la orilla.',
        ar: 'رسم لنهر أزرق يتعرج بين تلال خضراء تحت شمس صفراء، وعلى ضفته أوتاد للمسح.',
      },
    },
    {
      slug: 'demo-open-archive',
      filename: 'open-archive.png',
      content: openArchive(),
      alt: {
        en: 'Drawing of labelled cardboard archive boxes on three open shelves.',
        es: 'Dibujo de cajas de archivo de cartón etiquetadas en tres estantes abiertos.',
        ar: 'رسم لصناديق أرشيف كرتونية عليها ملصقات، على ثلاثة رفوف مفتوحة.',
      },
    },
  ];
}
