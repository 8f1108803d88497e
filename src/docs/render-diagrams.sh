#!/usr/bin/env bash
# Renders every model in bpmn/ to src/docs/<process>.png with bpmn-js in headless Chromium (Debian's).
# Run from the project root after changing a model: bash src/docs/render-diagrams.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${TMPDIR:-/tmp}/campaign-delivery-diagrams"
mkdir -p "$work"
[ -f "$work/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js" ] \
  || npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work" bpmn-js@17
for model in bpmn/*.bpmn; do
  name=$(basename "$model" .bpmn)
  xml=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$model")
  # the picture is as large as the diagram: its right-most and lowest shape, plus a margin
  read -r width height < <(python3 -c '
import re, sys
xml = open(sys.argv[1]).read()
boxes = [tuple(map(float, b)) for b in re.findall(r"<dc:Bounds x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"", xml)]
print(int(max(x + w for x, y, w, h in boxes)) + 60, int(max(y + h for x, y, w, h in boxes)) + 60)' "$model")
  cat > "$work/$name.html" <<HTML
<!doctype html><html><head><style>html,body{margin:0;background:#fff}#canvas{width:${width}px;height:${height}px}</style>
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="canvas"></div><script>
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML($xml).then(() => viewer.get('canvas').zoom(1, { x: 0, y: 0 }));
</script></body></html>
HTML
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" --window-size="$width,$height" \
    --virtual-time-budget=5000 --screenshot="$PWD/src/docs/$name-process.png" "file://$work/$name.html" 2>/dev/null
  echo "src/docs/$name-process.png"
done
