/* fuzz_model.c: libFuzzer harness for model files: any bytes are a file
 * image for gt_predictor_decode, twice: as they are, and "repaired", with
 * the header's length and the CRC-32 recomputed (else nearly every mutation
 * stops at the checksum and the payload's decoder is never reached).
 * Checked: a refusal comes with a printable message; an accepted image
 * of the current version encodes back to the same bytes (the format is
 * canonical), one of an older version to an image that decodes; and the
 * model it holds answers with one probability per genre. */
#include <string.h>

#include "fuzz_check.h"
#include "genretui/predictor.h"

static void check_model(gt_predictor *p, const uint8_t *data, size_t size)
{
	unsigned char *out;
	size_t len;
	double probs[GT_MAX_CLASSES];
	gt_error err = { GT_OK, "" };

	gt_predictor q;

	FZ_CHECK(gt_predictor_encode(p, &out, &len, &err) == GT_OK);
	if (size >= 12 && data[8] == GT_MODEL_VERSION) {
		FZ_CHECK(len == size && memcmp(out, data, size) == 0);
	} else {
		FZ_CHECK(gt_predictor_decode(&q, out, len, "re-encoded", &err) == GT_OK);
		gt_predictor_free(&q);
	}
	free(out);
	FZ_CHECK(p->genres.k == p->model.arch.sizes[p->model.arch.nlayers]);
	gt_predictor_probs(p, p->median, 0, probs);
	gt_predictor_probs(p, p->hi, 23, probs);
}

static void decode(const uint8_t *data, size_t size)
{
	gt_predictor p;
	gt_error err = { GT_OK, "" };

	if (gt_predictor_decode(&p, data, size, "fuzz.gtm", &err) != GT_OK) {
		FZ_CHECK(err.code != GT_OK && err.msg[0]);
		FZ_CHECK(fz_terminal_safe(err.msg));
		return;
	}
	check_model(&p, data, size);
	gt_predictor_free(&p);
}

/* CRC-32 (IEEE, reflected), bit by bit: the file format's checksum. */
static uint32_t crc32_ieee(const uint8_t *b, size_t n)
{
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		crc ^= b[i];
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void put_le(uint8_t *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *fixed;

	decode(data, size);
	if (size < 24 || !(fixed = malloc(size)))     /* header 20 + CRC 4 */
		return 0;
	memcpy(fixed, data, size);
	put_le(fixed + 12, size - 24, 8);
	put_le(fixed + size - 4, crc32_ieee(fixed, size - 4), 4);
	decode(fixed, size);
	free(fixed);
	return 0;
}
