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
  cat > "$work/$name.html" <<HTML
<!doctype html><html><head><style>html,body{margin:0;background:#fff}#canvas{width:3000px;height:520px}</style>
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script></head>
<body><div id="canvas"></div><script>
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML($xml).then(() => viewer.get('canvas').zoom('fit-viewport'));
</script></body></html>
HTML
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" --window-size=3000,520 \
    --virtual-time-budget=5000 --screenshot="$PWD/src/docs/$name-process.png" "file://$work/$name.html" 2>/dev/null
  echo "src/docs/$name-process.png"
done
