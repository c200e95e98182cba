"""The benchmark networks of bench/train.mjs in PyTorch CPU, for a side-by-side speed reference (not part of ser).

Run by bench/train.mjs when Debian's python3-torch is installed (apt-get install python3-torch). It reads
commands on stdin, one per line: `<network> <batch> <steps> <threads>`, trains that many Adam steps on random
data after two warm-up steps, and answers with one JSON line: {"network", "msPerStep": [...]}.
Networks mirror @ser/models' tf.layers ones layer for layer (same shapes, padding, pooling, dropout).
"""
import json, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

class LogMelCnn(nn.Module):
    """4 x [Conv1D k5 same (64/128/128/128) -> BN -> ReLU -> MaxPool 2] -> global average -> Dense 7."""
    def __init__(self, bands=64, classes=7):
        super().__init__(); c = [bands, 64, 128, 128, 128]
        self.blocks = nn.ModuleList([nn.Sequential(nn.Conv1d(c[i], c[i + 1], 5, padding=2), nn.BatchNorm1d(c[i + 1], eps=1e-3),
                                                   nn.ReLU(), nn.MaxPool1d(2)) for i in range(4)])
        self.head = nn.Linear(128, classes)
    def forward(self, x):
        h = x.transpose(1, 2)
        for b in self.blocks: h = b(h)
        return self.head(h.mean(2))

class CnnLstm(nn.Module):
    """@ser/models cnnLstm (defaults): 2 x [Conv1D k5 (64, 128) -> BN -> ReLU -> MaxPool 4 -> Dropout .25] ->
    LSTM 64 (sequence) -> LSTM 64 -> Dense 64 ReLU -> Dropout .3 -> Dense 7."""
    def __init__(self, features=40, classes=7):
        super().__init__()
        self.c1 = nn.Conv1d(features, 64, 5, padding=2); self.b1 = nn.BatchNorm1d(64, eps=1e-3)
        self.c2 = nn.Conv1d(64, 128, 5, padding=2); self.b2 = nn.BatchNorm1d(128, eps=1e-3)
        self.l1 = nn.LSTM(128, 64, batch_first=True); self.l2 = nn.LSTM(64, 64, batch_first=True)
        self.d1 = nn.Linear(64, 64); self.d2 = nn.Linear(64, classes)
    def forward(self, x):
        h = x.transpose(1, 2)
        h = F.dropout(F.max_pool1d(F.relu(self.b1(self.c1(h))), 4), 0.25, self.training)
        h = F.dropout(F.max_pool1d(F.relu(self.b2(self.c2(h))), 4), 0.25, self.training)
        h, _ = self.l1(h.transpose(1, 2)); h, _ = self.l2(h)
        return self.d2(F.dropout(F.relu(self.d1(h[:, -1])), 0.3, self.training))

class OgCnn(nn.Module):
    """@ser/models ogCnn (defaults) on [180, 1]: the original project's 1-D CNN, kernel 8, 'same' padding."""
    def __init__(self, length=180, classes=7):
        super().__init__()
        conv = lambda i, o: nn.Conv1d(i, o, 8, padding='same')
        self.c = nn.ModuleList([conv(1, 256), conv(256, 256), conv(256, 128), conv(128, 128), conv(128, 128), conv(128, 64), conv(64, 64)])
        self.bn = nn.ModuleList([nn.BatchNorm1d(256, eps=1e-3), nn.BatchNorm1d(256, eps=1e-3), nn.BatchNorm1d(128, eps=1e-3)])
        final = ((((length // 2) // 2) // 4) // 4)
        self.d = nn.ModuleList([nn.Linear(final * 64, 32), nn.Linear(32, 16), nn.Linear(16, classes)])
    def forward(self, x):
        drop = lambda h: F.dropout(h, 0.25, self.training)
        h = x.transpose(1, 2)
        h = drop(F.max_pool1d(F.relu(self.bn[0](self.c[0](h))), 2))
        h = drop(F.max_pool1d(F.relu(self.bn[1](self.c[1](h))), 2))
        h = F.relu(self.c[2](h)); h = F.relu(self.c[3](h))
        h = drop(F.max_pool1d(F.relu(self.bn[2](self.c[4](h))), 4))
        h = drop(F.max_pool1d(h, 4))
        h = drop(F.relu(self.c[5](h))); h = F.relu(self.c[6](h))
        h = h.transpose(1, 2).flatten(1)
        return self.d[2](F.relu(self.d[1](F.relu(self.d[0](h)))))

NETWORKS = {'logmelCnn': (LogMelCnn, (300, 64)), 'cnnLstm': (CnnLstm, (300, 40)), 'ogCnn': (OgCnn, (180, 1))}

def measure(name, batch, steps, threads):
    torch.set_num_threads(threads); torch.manual_seed(0)
    build, shape = NETWORKS[name]
    model = build(); model.train(); opt = torch.optim.Adam(model.parameters(), 1e-3)
    x = torch.randn(batch, *shape); y = torch.randint(0, 7, (batch,))
    def step():
        loss = F.cross_entropy(model(x), y); opt.zero_grad(); loss.backward(); opt.step()
    for _ in range(2): step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter(); step(); times.append((time.perf_counter() - t0) * 1000)
    return times

for line in sys.stdin:
    parts = line.split()
    if not parts: continue
    if parts[0] == 'quit': break
    name, batch, steps, threads = parts[0], int(parts[1]), int(parts[2]), int(parts[3])
    print(json.dumps({'network': name, 'msPerStep': measure(name, batch, steps, threads),
                      'parameters': sum(p.numel() for p in NETWORKS[name][0]().parameters())}), flush=True)
