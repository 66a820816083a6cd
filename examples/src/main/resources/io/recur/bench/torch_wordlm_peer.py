#!/usr/bin/env python3
"""Recur's PyTorch peer for word models, on the shared reference script (--reference
../shared/bench/peers/torch_wordlm.py), whose tokenisation and batchify layout it uses.

Quality mode (--epochs N): trains the model of `recur train` with the same settings —
embedding E, L LSTM layers of H, dropout on the embedding, between layers and before the
projection, SGD with global-norm clipping, the learning rate of epoch e being
lr * lr_decay^max(0, e - decay_after), weights initialised as Recur's --init (xavier: U(+-1/sqrt(fan_in)),
uniform: U(+-0.1)) and biases zero — and reports per-epoch held-out perplexity (--valid),
the final test perplexity (--test), seconds per epoch and peak resident memory, as one JSON
line on standard output; progress goes to standard error.
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('train')
    ap.add_argument('--reference', required=True, help='the shared torch_wordlm.py')
    ap.add_argument('--valid')
    ap.add_argument('--test')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--hidden', type=int, default=200)
    ap.add_argument('--embed', type=int, default=200)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--batch', type=int, default=20)
    ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--dropout', type=float, default=0.0)
    ap.add_argument('--lr', type=float, default=1.0)
    ap.add_argument('--clip', type=float, default=5.0)
    ap.add_argument('--lr-decay', type=float, default=1.0)
    ap.add_argument('--decay-after', type=int, default=0)
    ap.add_argument('--init', choices=['xavier', 'uniform'], default='xavier')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    ref = load_reference(a.reference)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    toks = ref.tokens_of(a.train)
    vocab = {w: i for i, w in enumerate(sorted(set(toks)))}
    v = len(vocab)
    data = ref.batchify(torch.tensor([vocab[w] for w in toks], dtype=torch.long), a.batch)
    model = WordModel(v, a.embed, a.hidden, a.layers, a.dropout, a.init)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr)

    def zero_state(b):
        return (torch.zeros(a.layers, b, a.hidden), torch.zeros(a.layers, b, a.hidden))

    def perplexity(path):
        unk = vocab.get('<unk>', 0)
        ids = torch.tensor([vocab.get(w, unk) for w in ref.tokens_of(path)], dtype=torch.long)
        d = ref.batchify(ids, a.batch)
        model.eval()
        tot, cnt = 0.0, 0
        with torch.inference_mode():
            state = zero_state(a.batch)
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
        state = zero_state(a.batch)
        tot, cnt = 0.0, 0
        for i in range(0, n, a.steps):
            y = data[i + 1: i + 1 + a.steps]
            state = tuple(s.detach() for s in state)
            logits, state = model(data[i: i + y.size(0)], state)
            loss = nn.functional.cross_entropy(logits.view(-1, v), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            if a.clip > 0:
                nn.utils.clip_grad_norm_(model.parameters(), a.clip)
            opt.step()
            tot += loss.item() * y.numel()
            cnt += y.numel()
        seconds = time.perf_counter() - t0
        row = {'epoch': ep, 'lr': lr, 'train_ppl': math.exp(tot / cnt), 'seconds': seconds,
               'tokens_per_s': cnt / seconds, 'peak_rss_mb': peak_rss_mb()}
        if a.valid:
            row['valid_ppl'] = perplexity(a.valid)
        history.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    res = {'peer': 'pytorch ' + torch.__version__, 'threads': a.threads, 'vocab': v, 'epochs': a.epochs,
           'epoch_seconds': sum(r['seconds'] for r in history) / len(history), 'peak_rss_mb': peak_rss_mb(),
           'history': history}
    if a.valid:
        res['valid_ppl'] = history[-1]['valid_ppl']
    if a.test:
        res['test_ppl'] = perplexity(a.test)
    print(json.dumps(res))


if __name__ == '__main__':
    main()
