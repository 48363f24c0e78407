/* chain.h: a training step split by units along a chain of threads.
 *
 * The team's step (train.c) splits a batch by lanes, then the gradients
 * and Adam by units: every member reads all the weights in the first job
 * and writes its part of them in the second, and half of every layer's
 * activations and gradients go from one CPU's cache to the other's each
 * step. A chain splits a wide network by the units of its first hidden
 * layer instead, so that each member keeps its weights to itself:
 *
 *   member m owns units cut[m]..cut[m+1]-1 of the first hidden layer: the
 *   rows of W_0 that make them, and the columns of W_1 that read them.
 *
 * Forward, each member loads the batch into inputs of its own, computes
 * its units of layer 0, and its part of layer 1's sums (over its columns
 * of W_1), 16 lanes at a time; member m begins its sums where member m-1
 * stopped (gt_model_run_cols), so every sum is the one running sum the
 * plain step computes. The first member goes chunk by chunk, so that its
 * first chunk's sums go on early; the others do their layer 0 in every
 * chunk while they wait for it. The last member ends the sums and does
 * the layers above (small: the improved preset's 128 x 10), the loss and
 * their backward pass down to layer 1's dL/dz, chunk by chunk. Backward,
 * each member computes dL/da of its units (its columns of W_1), their
 * dL/dz, the gradients of its columns of W_1 and its rows of W_0, and
 * Adam on them; the last member also does the layers above. The members
 * before the last take each chunk's dL/dz as the top part hands it over,
 * and compute dL/da there while the last member goes on with its forward
 * pass; so the last member, which alone does the top part, gets the fewer
 * units. A step is one job of the team: no member waits for the others
 * between its forward and its backward pass. What crosses
 * between CPUs a step is layer 1's partial sums one way and its dL/dz
 * the other: a fraction of what the team's split moves, half of every
 * layer's activations and gradients and half the weights (bench/README.md
 * gives both, session 9).
 *
 * Both are written past the writer's cache (non-temporal stores) into
 * buffers only they use, and the reader takes them from memory: a line the
 * reader still holds from the step before would otherwise have to be
 * taken back from its CPU before every write, which costs most where the
 * host puts the two virtual CPUs far apart. For the same reason nothing
 * else a member writes during the step is read by another: each member
 * makes its own view of the model, on lines of its own, and only the
 * last member touches the layers above (bench/README.md, session 10).
 *
 * Each member keeps its columns of W_1, their gradients and Adam moments
 * in memory of its own: the two members' columns are the two halves of
 * every row of W_1, and two CPUs writing alternate pieces of the same
 * arrays went many times slower than each writing a half of its own (the
 * other CPU's prefetches take the lines; bench/README.md, session 9).
 * The new weights are streamed back into the model after each step, so
 * that it is current between steps.
 *
 * Every value is computed by the model's calls in the order the plain
 * step computes it, so the bytes are the plain step's whatever the number
 * of members (tests/test_chain.c). Members are the team's items, and a
 * thread may take several one after another (the caller alone, or a
 * member taking what another left; team.h), while a member's forward pass
 * waits for the one below and its backward pass for the last member's top
 * part. So item m waits for forward passes below it only, and for the top
 * part only once a thread has taken the last member's part (a role, which
 * the first thread to want it takes); a member that finds it untaken
 * either takes it or leaves its own backward pass to whoever does. No
 * thread waits for a part no thread has begun: a chain run by fewer
 * threads than members, or by the caller alone, still ends. */
#ifndef GENRETUI_CHAIN_H
#define GENRETUI_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/adam.h"
#include "genretui/model.h"
#include "genretui/team.h"

typedef struct gt_chain gt_chain;

/* Whether a chain of `members` (2..GT_THREADS_MAX) can split architecture
 * a: at least two layers, and a first hidden layer wide enough to give
 * each member 16 units once the last member's share makes up for the
 * layers above. */
int gt_chain_fits(const gt_arch *a, int members);

/* A chain of `members` for model m (whose workspace it shares, and whose
 * parameters it updates); NULL if it does not fit or out of memory. */
gt_chain *gt_chain_new(gt_model *m, int members);
void gt_chain_free(gt_chain *c);

/* Members of c, and member i's first unit of the first hidden layer (i =
 * members gives the layer's width). */
int gt_chain_members(const gt_chain *c);
int gt_chain_cut(const gt_chain *c, int i);

/* A training step on rows idx[0..n-1] of s (labels y[0..n-1], n at most
 * the model's max_batch), shared by team (NULL, or of fewer members: the
 * items are then taken in order): the forward and backward passes, then
 * Adam's step on every parameter (gt_adam_begin included). The model's
 * dropout and drop_key apply as in gt_model_run. Returns the sum of the
 * rows' losses, summed as gt_loss_lanes sums them; adds the rows whose
 * argmax is their label to *correct. */
double gt_chain_step(gt_chain *c, gt_team *team, gt_adam *adam, const gt_samples *s,
                     const uint32_t *idx, const int *y, int n, size_t *correct);

/* The rows idx[0..n-1] (idx NULL: rows 0..n-1) of the same samples that
 * the step after the next gt_chain_step will take, or n = 0 when the
 * caller does not know them: the members other than the first fetch them
 * into their CPUs' caches during the next step's backward pass. The first
 * member is the caller's item (team.h), and the caller fetches its rows
 * itself. A hint: no result depends on it. */
void gt_chain_next(gt_chain *c, const uint32_t *idx, int n);

/* The members keep their columns of W_1 and those columns' Adam moments
 * in memory of their own while the chain takes steps (the model's
 * parameters are kept current; Adam's moments are not): release puts the
 * moments back into the gt_adam of the last step, before a step not taken
 * by the chain (c may be NULL; gt_chain_free does it too). The next chain
 * step takes the columns and moments from the model and Adam again. */
void gt_chain_release(gt_chain *c);

#endif
