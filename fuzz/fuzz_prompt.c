/* fuzz_prompt.c: libFuzzer harness for the predict prompt's language. The
 * input is split at its first NUL (or in two halves without one): the
 * first part is a typed line for gt_prompt_parse, both parts are the text
 * before the cursor and the word being completed for gt_prompt_complete.
 * Checked: the error's position lies inside the line, its message is one
 * NUL-terminated line, completions are real strings. */
#include <string.h>

#include "fuzz_check.h"
#include "genretui/prompt.h"

static void check_parse(const char *line)
{
	gt_prompt_line out;
	gt_track_input t;
	int len = (int)strlen(line);

	gt_prompt_parse(line, &out);
	FZ_CHECK(out.kind >= GT_PC_EMPTY && out.kind <= GT_PC_ERROR);
	if (out.kind == GT_PC_ERROR) {
		FZ_CHECK(out.err_at >= 0 && out.err_len >= 0);
		FZ_CHECK(out.err_at <= len && out.err_len <= len - out.err_at);
		FZ_CHECK(memchr(out.err, '\0', sizeof(out.err)) != NULL && out.err[0]);
	}
	if (out.kind == GT_PC_ROW)
		FZ_CHECK(out.row >= 1);
	FZ_CHECK(out.key >= -1 && out.key < 12 && out.mode >= -1 && out.mode <= 1);
	gt_track_input_clear(&t);
	gt_track_input_apply(&t, &out);
	FZ_CHECK((gt_track_input_missing(&t) & t.given) == 0);
}

static void check_complete(const char *before, const char *word)
{
	const char *cand[32];
	int n = gt_prompt_complete(before, word, cand, 32);

	FZ_CHECK(n >= 0 && n <= 32);
	for (int i = 0; i < n; i++)
		FZ_CHECK(cand[i] != NULL && strlen(cand[i]) < 64);
	FZ_CHECK(gt_prompt_complete(before, word, cand, 0) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 2);
	const char *nul;
	size_t cut;

	if (!text)
		return 0;
	memcpy(text, data, size);
	nul = memchr(text, '\0', size);
	cut = nul ? (size_t)(nul - text) : size / 2;
	text[size] = text[size + 1] = '\0';
	if (!nul) {                       /* two strings: [0, cut) and [cut, size) */
		memmove(text + cut + 1, text + cut, size - cut);
		text[cut] = '\0';
	}
	check_parse(text);
	check_complete(text, text + cut + 1);
	free(text);
	return 0;
}
