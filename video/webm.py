"""A tiny WebM (VP8) writer for demo and test videos, in pure Python.

No ffmpeg or codec library is needed: every frame is a VP8 key frame made of flat
16×16 blocks (one colour per macroblock, coded as a DC offset from VP8's own DC
prediction), muxed into a WebM container with a duration. The result plays in every
browser that plays WebM. Good for coloured test patterns, not for real footage.

References: RFC 6386 (VP8 bitstream) and the Matroska/WebM element specification.
"""

import struct

# --- VP8 -------------------------------------------------------------------------------

# Probabilities with which the decoder reads the "update this token probability" flags
# (RFC 6386, section 13.4). Only rows that are not all 255 are listed; missing values are 255.
_COEF_UPDATE_PROBS = {
    (0, 1, 0): (176, 246),
    (0, 1, 1): (223, 241, 252),
    (0, 1, 2): (249, 253, 253),
    (0, 2, 0): (255, 244, 252),
    (0, 2, 1): (234, 254, 254),
    (0, 2, 2): (253,),
    (0, 3, 0): (255, 246, 254),
    (0, 3, 1): (239, 253, 254),
    (0, 3, 2): (254, 255, 254),
    (0, 4, 0): (255, 248, 254),
    (0, 4, 1): (251, 255, 254),
    (0, 5, 0): (255, 253, 254),
    (0, 5, 1): (251, 254, 254),
    (0, 5, 2): (254, 255, 254),
    (0, 6, 0): (255, 254, 253, 255, 254),
    (0, 6, 1): (250, 255, 254, 255, 254),
    (0, 6, 2): (254,),
    (1, 0, 0): (217,),
    (1, 0, 1): (225, 252, 241, 253, 255, 255, 254),
    (1, 0, 2): (234, 250, 241, 250, 253, 255, 253, 254),
    (1, 1, 0): (255, 254),
    (1, 1, 1): (223, 254, 254),
    (1, 1, 2): (238, 253, 254, 254),
    (1, 2, 0): (255, 248, 254),
    (1, 2, 1): (249, 254),
    (1, 3, 0): (255, 253),
    (1, 3, 1): (247, 254),
    (1, 4, 0): (255, 253, 254),
    (1, 4, 1): (252,),
    (1, 5, 0): (255, 254, 254),
    (1, 5, 1): (253,),
    (1, 6, 0): (255, 254, 253),
    (1, 6, 1): (250,),
    (1, 6, 2): (254,),
    (2, 0, 0): (186, 251, 250),
    (2, 0, 1): (234, 251, 244, 254),
    (2, 0, 2): (251, 251, 243, 253, 254, 255, 254),
    (2, 1, 0): (255, 253, 254),
    (2, 1, 1): (236, 253, 254),
    (2, 1, 2): (251, 253, 253, 254, 254),
    (2, 2, 0): (255, 254, 254),
    (2, 2, 1): (254, 254, 254),
    (2, 3, 0): (255, 254),
    (2, 3, 1): (254, 254),
    (2, 3, 2): (254,),
    (2, 4, 1): (254,),
    (3, 0, 0): (248,),
    (3, 0, 1): (250, 254, 252, 254),
    (3, 0, 2): (248, 254, 249, 253),
    (3, 1, 0): (255, 253, 253),
    (3, 1, 1): (246, 253, 253),
    (3, 1, 2): (252, 254, 251, 254, 254),
    (3, 2, 0): (255, 254, 252),
    (3, 2, 1): (248, 254, 253),
    (3, 2, 2): (253, 255, 254, 254),
    (3, 3, 0): (255, 251, 254),
    (3, 3, 1): (245, 251, 254),
    (3, 3, 2): (253, 253, 254),
    (3, 4, 0): (255, 251, 253),
    (3, 4, 1): (252, 253, 254),
    (3, 4, 2): (255, 254),
    (3, 5, 0): (255, 252),
    (3, 5, 1): (249, 255, 254),
    (3, 5, 2): (255, 255, 254),
    (3, 6, 0): (255, 255, 253),
    (3, 6, 1): (250,),
    (3, 7, 1): (254,),
}

# Default token probabilities (RFC 6386, section 13.5) for the rows this writer uses:
# (block type, band, context). Type 1 = Y2 (second-order luma DC), 0 = luma after Y2,
# 2 = chroma.
_TOKEN_PROBS = {
    (1, 0, 0): (198, 35, 237, 223, 193, 187, 162, 160, 145, 155, 62),
    (1, 0, 1): (131, 45, 198, 221, 172, 176, 220, 157, 252, 221, 1),
    (1, 0, 2): (68, 47, 146, 208, 149, 167, 221, 162, 255, 223, 128),
    (1, 1, 1): (184,),
    (1, 1, 2): (81,),
    (0, 1, 0): (253,),
    (2, 0, 0): (253, 9, 248, 251, 207, 208, 255, 192, 128, 128, 128),
    (2, 0, 1): (175, 13, 224, 243, 193, 185, 249, 198, 255, 255, 128),
    (2, 0, 2): (73, 17, 171, 221, 161, 179, 236, 167, 255, 234, 128),
    (2, 1, 1): (239,),
    (2, 1, 2): (155,),
}

# Extra bits of the DCT value categories 1-6 (most significant first) and their base values.
_CATEGORIES = [
    (5, (159,)),
    (7, (165, 145)),
    (11, (173, 148, 140)),
    (19, (176, 155, 140, 135)),
    (35, (180, 157, 141, 134, 130)),
    (67, (254, 254, 243, 230, 196, 177, 153, 140, 133, 130, 129)),
]


class BoolEncoder:
    """VP8's boolean entropy encoder (RFC 6386, section 7.3)."""

    def __init__(self):
        self.out = bytearray()
        self.range = 255
        self.bottom = 0
        self.bit_count = 24

    def _carry(self):
        i = len(self.out) - 1
        while i >= 0 and self.out[i] == 255:
            self.out[i] = 0
            i -= 1
        self.out[i] += 1

    def bool(self, prob, bit):
        split = 1 + (((self.range - 1) * prob) >> 8)
        if bit:
            self.bottom += split
            self.range -= split
        else:
            self.range = split
        while self.range < 128:
            self.range <<= 1
            if self.bottom & (1 << 31):
                self._carry()
            self.bottom = (self.bottom << 1) & 0xFFFFFFFF
            self.bit_count -= 1
            if not self.bit_count:
                self.out.append((self.bottom >> 24) & 0xFF)
                self.bottom &= (1 << 24) - 1
                self.bit_count = 8

    def literal(self, value, bits):
        for shift in range(bits - 1, -1, -1):
            self.bool(128, (value >> shift) & 1)

    def flush(self):
        c = self.bit_count
        v = self.bottom
        if v & (1 << (32 - c)):
            self._carry()
        v = (v << (c & 7)) & 0xFFFFFFFF
        for _ in range(c >> 3):
            v = (v << 8) & 0xFFFFFFFF
        for _ in range(4):
            self.out.append((v >> 24) & 0xFF)
            v = (v << 8) & 0xFFFFFFFF
        return bytes(self.out)


def _write_dc(enc, block_type, ctx, value):
    """Code one 4×4 block holding only a DC value, then end of block.
    Returns the block's "has non-zero data" flag for its neighbours' context."""
    probs = _TOKEN_PROBS[(block_type, 0, ctx)]
    if value == 0:
        enc.bool(probs[0], 0)  # end of block straight away
        return 0
    enc.bool(probs[0], 1)  # not EOB
    enc.bool(probs[1], 1)  # not ZERO
    magnitude = abs(value)
    if magnitude == 1:
        enc.bool(probs[2], 0)
    else:
        enc.bool(probs[2], 1)
        if magnitude <= 4:
            enc.bool(probs[3], 0)
            if magnitude == 2:
                enc.bool(probs[4], 0)
            else:
                enc.bool(probs[4], 1)
                enc.bool(probs[5], 0 if magnitude == 3 else 1)
        else:
            enc.bool(probs[3], 1)
            category = max(i for i, (base, _) in enumerate(_CATEGORIES) if magnitude >= base)
            if category <= 1:
                enc.bool(probs[6], 0)
                enc.bool(probs[7], category)
            else:
                enc.bool(probs[6], 1)
                if category <= 3:
                    enc.bool(probs[8], 0)
                    enc.bool(probs[9], category - 2)
                else:
                    enc.bool(probs[8], 1)
                    enc.bool(probs[10], category - 4)
            base, extra = _CATEGORIES[category]
            rest = magnitude - base
            for i, prob in enumerate(extra):
                enc.bool(prob, (rest >> (len(extra) - 1 - i)) & 1)
    enc.bool(128, 1 if value < 0 else 0)  # sign
    # End of block at position 1; its context is 1 after a ±1, 2 after anything larger.
    enc.bool(_TOKEN_PROBS[(block_type, 1, 1 if magnitude == 1 else 2)][0], 0)
    return 1


def rgb_to_yuv(r, g, b):
    """BT.601 limited range, as browsers assume for VP8."""
    y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
    u = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
    v = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255
    return tuple(max(0, min(255, round(c))) for c in (y, u, v))


def vp8_key_frame(width, height, blocks):
    """Encode one VP8 key frame. ``blocks[row][col]`` is the (R, G, B) colour of each
    16×16 macroblock (``ceil(height/16)`` rows of ``ceil(width/16)`` columns)."""
    mb_cols, mb_rows = (width + 15) // 16, (height + 15) // 16
    header = BoolEncoder()
    header.literal(0, 1)  # colour space
    header.literal(0, 1)  # clamping type
    header.literal(0, 1)  # no segmentation
    header.literal(0, 1)  # filter type
    header.literal(0, 6)  # loop filter level 0: flat blocks need no filtering
    header.literal(0, 3)  # sharpness
    header.literal(0, 1)  # no loop filter deltas
    header.literal(0, 2)  # one token partition
    header.literal(0, 7)  # quantiser index 0: exact DC values
    for _ in range(5):
        header.literal(0, 1)  # no quantiser deltas
    header.literal(0, 1)  # refresh_entropy_probs: keep them for the next frame unchanged
    for t in range(4):
        for b in range(8):
            for c in range(3):
                row = _COEF_UPDATE_PROBS.get((t, b, c), ())
                for i in range(11):
                    header.bool(row[i] if i < len(row) else 255, 0)  # no probability updates
    header.literal(0, 1)  # mb_no_coeff_skip = 0: every macroblock codes its tokens
    tokens = BoolEncoder()
    above_y2 = [0] * mb_cols
    above_u = [[0, 0] for _ in range(mb_cols)]
    above_v = [[0, 0] for _ in range(mb_cols)]
    recon = [[None] * mb_cols for _ in range(mb_rows)]
    for row in range(mb_rows):
        left_y2, left_u, left_v = 0, [0, 0], [0, 0]
        for col in range(mb_cols):
            # Macroblock header: luma DC_PRED (tree bits 1, 0, 0), chroma DC_PRED (bit 0).
            header.bool(145, 1)
            header.bool(156, 0)
            header.bool(163, 0)
            header.bool(142, 0)
            target = rgb_to_yuv(*blocks[row][col])
            above = recon[row - 1][col] if row else None
            left = recon[row][col - 1] if col else None
            # VP8's 16×16 DC prediction from flat neighbours: their mean, or 128 at the corner.
            if above is not None and left is not None:
                pred = [(above[p] + left[p] + 1) >> 1 for p in range(3)]
            elif above is not None:
                pred = list(above)
            elif left is not None:
                pred = list(left)
            else:
                pred = [128, 128, 128]
            diff = [target[p] - pred[p] for p in range(3)]
            recon[row][col] = target
            # Y2 block: DC = 8 × luma offset (dequantised ×8, inverse WHT /8, inverse DCT /8).
            flag = _write_dc(tokens, 1, above_y2[col] + left_y2, 8 * diff[0])
            above_y2[col] = left_y2 = flag
            # Sixteen luma blocks with nothing beyond the DC the Y2 block gave them.
            for _ in range(16):
                tokens.bool(_TOKEN_PROBS[(0, 1, 0)][0], 0)
            # Chroma: 2×2 blocks of U then V, DC = 2 × offset (dequantised ×4, inverse DCT /8).
            for plane, above_ctx, left_ctx in ((1, above_u[col], left_u), (2, above_v[col], left_v)):
                for by in range(2):
                    for bx in range(2):
                        flag = _write_dc(tokens, 2, above_ctx[bx] + left_ctx[by], 2 * diff[plane])
                        above_ctx[bx] = left_ctx[by] = flag
    first = header.flush()
    second = tokens.flush()
    tag = (0) | (0 << 1) | (1 << 4) | (len(first) << 5)  # key frame, version 0, shown
    frame = bytes([tag & 0xFF, (tag >> 8) & 0xFF, (tag >> 16) & 0xFF, 0x9D, 0x01, 0x2A])
    frame += struct.pack("<HH", width, height)
    return frame + first + second


# --- WebM --------------------------------------------------------------------------------


def _vint_size(n):
    length = 1
    while n >= (1 << (7 * length)) - 1:
        length += 1
    return ((1 << (7 * length)) | n).to_bytes(length, "big")


def _element(element_id, payload):
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + _vint_size(len(payload)) + payload


def _uint(element_id, value):
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _string(element_id, value):
    return _element(element_id, value.encode("ascii"))


def webm(frames, width, height, fps):
    """Mux VP8 key frames into a WebM file (one cluster, duration set)."""
    frame_ms = 1000 / fps
    header = _element(
        0x1A45DFA3,
        _uint(0x4286, 1)
        + _uint(0x42F7, 1)
        + _uint(0x42F2, 4)
        + _uint(0x42F3, 8)
        + _string(0x4282, "webm")
        + _uint(0x4287, 2)
        + _uint(0x4285, 2),
    )
    info = _element(
        0x1549A966,
        _uint(0x2AD7B1, 1_000_000)  # timestamps in milliseconds
        + _element(0x4489, struct.pack(">d", len(frames) * frame_ms))
        + _string(0x4D80, "portal.video.webm")
        + _string(0x5741, "portal.video.webm"),
    )
    track = _element(
        0xAE,
        _uint(0xD7, 1)
        + _uint(0x73C5, 1)
        + _uint(0x83, 1)  # video
        + _uint(0x9C, 0)
        + _string(0x86, "V_VP8")
        + _uint(0x23E383, round(frame_ms * 1_000_000))
        + _element(0xE0, _uint(0xB0, width) + _uint(0xBA, height)),
    )
    tracks = _element(0x1654AE6B, track)
    blocks = b"".join(
        _element(0xA3, b"\x81" + struct.pack(">hB", round(i * frame_ms), 0x80) + frame)
        for i, frame in enumerate(frames)
    )
    cluster = _element(0x1F43B675, _uint(0xE7, 0) + blocks)
    return header + _element(0x18538067, info + tracks + cluster)


def demo_video(width=320, height=180, seconds=3, fps=10):
    """A few seconds of a moving gold bar over a red-to-blue background, as WebM bytes."""
    mb_cols, mb_rows = (width + 15) // 16, (height + 15) // 16
    frames = []
    count = seconds * fps
    for n in range(count):
        bar = round(n * (mb_cols - 1) / max(1, count - 1))
        blocks = []
        for row in range(mb_rows):
            line = []
            for col in range(mb_cols):
                if abs(col - bar) <= 1 and 2 <= row < mb_rows - 2:
                    line.append((255, 205, 0))
                else:
                    t = col / max(1, mb_cols - 1)
                    line.append((int(165 * (1 - t) + 11 * t), int(14 * (1 - t) + 79 * t), int(31 * (1 - t) + 138 * t)))
            blocks.append(line)
        frames.append(vp8_key_frame(width, height, blocks))
    return webm(frames, width, height, fps)
