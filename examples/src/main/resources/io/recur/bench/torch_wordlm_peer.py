#!/usr/bin/env python3
"""Recur's PyTorch peer for word models, on the shared reference script (--reference
../shared/bench/peers/torch_wordlm.py), whose tokenisation and batchify layout it uses.

Bench mode (--bench): the reference's own bench model (its Model: embedding E, L LSTM layers of
H, linear to V, every parameter uniform +-0.1, no dropout) on the whole training file, measured
as torch_charlm.py measures, one JSON line on standard output with
  * train_tokens_per_s: the reference's training step (SGD lr, global-norm clip, state carried
    and detached) on its batch walk (i = (i + T) mod (N - T)), after a warm-up of at least 30
    steps and 3 s, timed over at least --seconds;
  * score_tokens_per_s: a fresh model in inference mode, forward and the summed cross-entropy of
    the targets over one epoch's full B x T minibatches, state carried (reset when the epoch
    starts over), after at least 30 minibatches and 2 s, timed over at least --score-seconds;
  * gen_ms_per_token: greedy, batch 1, state carried, each argmax fed back; the corpus's first
    ten tokens as prefix (excluded from the figure, as Recur's bench does), then 200 tokens;
    the median over 7 runs (each run's mean ms per token) after a 20-token warm-up run.

Quality mode (default, --epochs N): trains the model of `recur train` with the same settings —
embedding E, L LSTM layers of H, dropout on the embedding, between layers and before the
projection, SGD with global-norm clipping, the learning rate of epoch e being
lr * lr_decay^max(0, e - decay_after), weights initialised as Recur's --init (xavier: U(+-1/sqrt(fan_in)),
uniform: U(+-0.1)) and biases zero — and reports per-epoch held-out perplexity (--valid),
the final test perplexity (--test), seconds per epoch and peak resident memory, as one JSON
line on standard output.

Progress goes to standard error in both modes.
"""
import argparse
import importlib.util
import json
import math
import resource
import sys
import time

import torch
from torch import nn

PREFIX_TOKENS = 10
GEN_TOKENS = 200
GEN_RUNS = 7


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def load_reference(path):
    spec = importlib.util.spec_from_file_location('torch_wordlm', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class WordModel(nn.Module):
    """Embedding -> dropout -> LSTM (dropout between layers) -> dropout -> linear, as Recur builds it."""

    def __init__(self, v, e, h, layers, dropout, init):
        super().__init__()
        self.emb = nn.Embedding(v, e)
        self.rnn = nn.LSTM(e, h, layers, dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(h, v)
        for name, p in self.named_parameters():
            if 'bias' in name:
                nn.init.zeros_(p)
            else:
                limit = 0.1 if init == 'uniform' else 1 / math.sqrt(p.size(-1))
                nn.init.uniform_(p, -limit, limit)

    def forward(self, x, state):
        y, state = self.rnn(self.drop(self.emb(x)), state)
        return self.out(self.drop(y)), state


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def zero_state(a, b):
    return (torch.zeros(a.layers, b, a.hidden), torch.zeros(a.layers, b, a.hidden))


def train_step(model, opt, data, i, state, a):
    """One SGD step on rows i.. of data (targets one row later); returns the new state, the mean loss and the target count."""
    y = data[i + 1: i + 1 + a.steps]
    state = tuple(s.detach() for s in state)
    logits, state = model(data[i: i + y.size(0)], state)
    loss = nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    if a.clip > 0:
        nn.utils.clip_grad_norm_(model.parameters(), a.clip)
    opt.step()
    return state, loss, y.numel()


def bench(ref, a, v, ids):
    data = ref.batchify(ids, a.batch)
    n = data.size(0) - 1
    if n <= a.steps:
        raise SystemExit(f'{a.train} has {ids.numel()} tokens; the bench needs at least batch * (steps + 2) = '
                         f'{a.batch * (a.steps + 2)}')

    log(f'{a.layers} x {a.hidden} LSTM, embedding {a.embed}, vocabulary {v}, batch {a.batch} x {a.steps}, lr {a.lr:g},'
        f' clip {a.clip:g}, {a.threads} thread(s)')

    def fresh():
        torch.manual_seed(a.seed)
        return ref.Model(v, a.embed, a.hidden, a.layers)

    model = fresh()
    opt = torch.optim.SGD(model.parameters(), lr=a.lr)
    state, i, k = zero_state(a, a.batch), 0, 0
    t0 = time.perf_counter()
    while k < 30 or time.perf_counter() - t0 < 3.0:
        state, _, _ = train_step(model, opt, data, i, state, a)
        i, k = (i + a.steps) % (n - a.steps), k + 1
    iters, t0 = 0, time.perf_counter()
    while True:
        state, loss, _ = train_step(model, opt, data, i, state, a)
        i, iters = (i + a.steps) % (n - a.steps), iters + 1
        if time.perf_counter() - t0 >= a.seconds:
            break
    loss.item()
    train = iters * a.batch * a.steps / (time.perf_counter() - t0)
    log(f'train {iters} steps, {train:.1f} tokens/s')

    model = fresh()
    model.eval()
    batches = [(data[j: j + a.steps], data[j + 1: j + 1 + a.steps]) for j in range(0, n - a.steps + 1, a.steps)]
    with torch.inference_mode():
        state, k = zero_state(a, a.batch), 0
        t0 = time.perf_counter()
        while k < 30 or time.perf_counter() - t0 < 2.0:
            _, state = model(batches[k % len(batches)][0], state)
            k += 1
        iters, nll, t0 = 0, 0.0, time.perf_counter()
        while True:
            if iters % len(batches) == 0:
                state = zero_state(a, a.batch)
            x, y = batches[iters % len(batches)]
            logits, state = model(x, state)
            nll += nn.functional.cross_entropy(logits.view(-1, v), y.reshape(-1), reduction='sum').item()
            iters += 1
            if time.perf_counter() - t0 >= a.score_seconds:
                break
        score = iters * a.batch * a.steps / (time.perf_counter() - t0)
    log(f'score {iters} minibatches, {score:.1f} tokens/s, mean cross-entropy {nll / (iters * a.batch * a.steps):.3f}')

    prefix = ids[:PREFIX_TOKENS].tolist()
    generate(model, prefix, 20, a)  # warm-up
    runs = sorted(generate(model, prefix, GEN_TOKENS, a) for _ in range(GEN_RUNS))
    gen = runs[len(runs) // 2]
    log(f'generate {GEN_RUNS} x {GEN_TOKENS} tokens, median {gen:.4f} ms/token (min {runs[0]:.4f})')
    return {'train_tokens_per_s': train, 'score_tokens_per_s': score, 'gen_ms_per_token': gen,
            'gen': f'median of {GEN_RUNS} runs of {GEN_TOKENS} greedy tokens after a {len(prefix)}-token prefix'}


def generate(model, prefix, count, a):
    """Greedy from prefix, batch 1, state carried; milliseconds per generated token (prefix excluded)."""
    state, out = zero_state(a, 1), [prefix[0]]
    with torch.inference_mode():
        for t in prefix[1:]:
            _, state = model(torch.tensor([[out[-1]]]), state)
            out.append(t)
        t0 = time.perf_counter()
        for _ in range(count):
            logits, state = model(torch.tensor([[out[-1]]]), state)
            out.append(int(logits.argmax(dim=-1)))
        return 1000 * (time.perf_counter() - t0) / count


def quality(ref, a, vocab, ids):
    v = len(vocab)
    data = ref.batchify(ids, a.batch)
    torch.manual_seed(a.seed)
    model = WordModel(v, a.embed, a.hidden, a.layers, a.dropout, a.init)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr)

    def perplexity(path):
        unk = vocab.get('<unk>', 0)
        d = ref.batchify(torch.tensor([vocab.get(w, unk) for w in ref.tokens_of(path)], dtype=torch.long), a.batch)
        model.eval()
        tot, cnt = 0.0, 0
        with torch.inference_mode():
            state = zero_state(a, a.batch)
            for i in range(0, d.size(0) - 1, a.steps):
                y = d[i + 1: i + 1 + a.steps]
                logits, state = model(d[i: i + y.size(0)], state)
                tot += nn.functional.cross_entropy(logits.view(-1, v), y.reshape(-1), reduction='sum').item()
                cnt += y.numel()
        model.train()
        return math.exp(tot / cnt)

    history = []
    n = data.size(0) - 1
    for ep in range(1, a.epochs + 1):
        lr = a.lr * a.lr_decay ** max(0, ep - a.decay_after)  # Recur's schedule
        for g in opt.param_groups:
            g['lr'] = lr
        t0 = time.perf_counter()
        state = zero_state(a, a.batch)
        tot, cnt = 0.0, 0
        for i in range(0, n, a.steps):
            state, loss, targets = train_step(model, opt, data, i, state, a)
            tot += loss.item() * targets
            cnt += targets
        seconds = time.perf_counter() - t0
        row = {'epoch': ep, 'lr': lr, 'train_ppl': math.exp(tot / cnt), 'seconds': seconds,
               'tokens_per_s': cnt / seconds, 'peak_rss_mb': peak_rss_mb()}
        if a.valid:
            row['valid_ppl'] = perplexity(a.valid)
        history.append(row)
        log(json.dumps(row))
    res = {'epochs': a.epochs, 'epoch_seconds': sum(r['seconds'] for r in history) / len(history),
           'peak_rss_mb': peak_rss_mb(), 'history': history}
    if a.valid:
        res['valid_ppl'] = history[-1]['valid_ppl']
    if a.test:
        res['test_ppl'] = perplexity(a.test)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('train')
    ap.add_argument('--reference', required=True, help='the shared torch_wordlm.py')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--hidden', type=int, default=200)
    ap.add_argument('--embed', type=int, default=200)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--batch', type=int, default=20)
    ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--lr', type=float, default=1.0)
    ap.add_argument('--clip', type=float, default=5.0)
    ap.add_argument('--seed', type=int, default=0)
    b = ap.add_argument_group('bench mode')
    b.add_argument('--bench', action='store_true', help='measure speed instead of training for quality')
    b.add_argument('--seconds', type=float, default=10.0, help='timed seconds of training')
    b.add_argument('--score-seconds', type=float, default=10.0, help='timed seconds of scoring')
    q = ap.add_argument_group('quality mode')
    q.add_argument('--valid')
    q.add_argument('--test')
    q.add_argument('--epochs', type=int, default=1)
    q.add_argument('--dropout', type=float, default=0.0)
    q.add_argument('--lr-decay', type=float, default=1.0)
    q.add_argument('--decay-after', type=int, default=0)
    q.add_argument('--init', choices=['xavier', 'uniform'], default='xavier')
    a = ap.parse_args()
    ref = load_reference(a.reference)
    torch.set_num_threads(a.threads)

    toks = ref.tokens_of(a.train)
    vocab = {w: i for i, w in enumerate(sorted(set(toks)))}
    ids = torch.tensor([vocab[w] for w in toks], dtype=torch.long)
    res = {'peer': 'pytorch ' + torch.__version__, 'threads': a.threads, 'vocab': len(vocab), 'hidden': a.hidden,
           'embed': a.embed, 'layers': a.layers, 'batch': a.batch, 'steps': a.steps}
    res.update(bench(ref, a, len(vocab), ids) if a.bench else quality(ref, a, vocab, ids))
    print(json.dumps(res))


if __name__ == '__main__':
    main()
