<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>ConvolutionPage</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="66" />
        <source>◀ Back</source>
        <translation>◀ 戻る</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="67" />
        <source>Step ▶</source>
        <translation>ステップ ▶</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="68" />
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="249" />
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="71" />
        <source>The previous output position (←)</source>
        <translation>前の出力位置（←）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="72" />
        <source>The next output position (→ or Space)</source>
        <translation>次の出力位置（→ または Space）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="73" />
        <source>Slide the kernel over the whole input</source>
        <translation>カーネルを入力全体にスライドさせます</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="91" />
        <source>Padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="92" />
        <source>Stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="95" />
        <source>Apply to Block</source>
        <translation>ブロックに適用</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="96" />
        <source>Set the block's padding and stride to these values (one undo step)</source>
        <translation>ブロックのパディングとストライドをこの値にします（1回の元に戻すで戻せます）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="98" />
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="99" />
        <source>Back to the block's own padding and stride</source>
        <translation>ブロック自身のパディングとストライドに戻します</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="172" />
        <source>Preview: not applied to the block yet</source>
        <translation>プレビュー：まだブロックには適用されていません</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="249" />
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="270" />
        <source>Input {0}×{1}, padded to {2}×{3} (channel 1)</source>
        <translation>入力 {0}×{1}、パディング後 {2}×{3}（チャンネル1）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="271" />
        <source>Output {0}×{1}</source>
        <translation>出力 {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="272" />
        <source>Input under the kernel</source>
        <translation>カーネルの下の入力</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="273" />
        <source>Kernel (example weights)</source>
        <translation>カーネル（例の重み）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="274" />
        <source>Element-wise products</source>
        <translation>要素積</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="275" />
        <source>Showing the part of the maps around the kernel</source>
        <translation>カーネルのまわりの部分を表示しています</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/conv_page.py" line="279" />
        <source>Output ({0}, {1}) of {2}×{3}: position {4} of {5}, sum = {6}</source>
        <translation>出力 ({0}, {1})（{2}×{3} 中）：{5} 個中 {4} 番目の位置、和 = {6}</translation>
    </message>
</context>
<context>
    <name>InceptionPage</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/module_pages.py" line="81" />
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/module_pages.py" line="88" />
        <source>max 3×3</source>
        <translation>最大 3×3</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/module_pages.py" line="88" />
        <source>stride {0}</source>
        <translation>ストライド {0}</translation>
    </message>
</context>
<context>
    <name>InvariancePage</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="131" />
        <source>Shift right</source>
        <translation>右へ移動</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="131" />
        <source>Shift down</source>
        <translation>下へ移動</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="143" />
        <source>digit </source>
        <translation>数字 </translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="169" />
        <source>Input, shifted ({0}, {1})</source>
        <translation>入力（({0}, {1}) 移動）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="171" />
        <source>Feature map (3×3 edge filter, ReLU)</source>
        <translation>特徴マップ（3×3 エッジフィルタ、ReLU）</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="181" />
        <source>Strongest response {0} at row {1}, column {2}: it moves with the digit, its value does not</source>
        <translation>最も強い反応 {0}（{1} 行 {2} 列）：位置は数字とともに動き、値は変わりません</translation>
    </message>
</context>
<context>
    <name>LearnController</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/install.py" line="25" />
        <source>Learn</source>
        <translation>解説</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/install.py" line="29" />
        <source>&amp;Learn</source>
        <translation>解説(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/install.py" line="30" />
        <source>&amp;Concepts</source>
        <translation>概念の解説(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/install.py" line="31" />
        <source>Each concept of convolutional networks, on the selected block</source>
        <translation>畳み込みニューラルネットワークの各概念を、選択中のブロックで解説します</translation>
    </message>
</context>
<context>
    <name>LearnPanel</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/panel.py" line="55" />
        <source>Concepts of convolutional networks, explained on the selected block</source>
        <translation>畳み込みニューラルネットワークの概念を、選択中のブロックで解説します</translation>
    </message>
</context>
<context>
    <name>PoolingPage</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="38" />
        <source>Step ▶</source>
        <translation>ステップ ▶</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="39" />
        <source>Move the window to the next output position</source>
        <translation>窓を次の出力位置へ動かします</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="62" />
        <source>A feature map of {0} (channel 1, top-left {1}×{1}), from the Feature maps dock</source>
        <translation>{0} の特徴マップ（チャンネル1、左上 {1}×{1}）、特徴マップドックから</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="68" />
        <source>A digit from the bundled sample data (values 0–16); open the Feature maps dock for a real feature map</source>
        <translation>同梱のサンプルデータの数字（値 0〜16）。実際の特徴マップを使うには特徴マップドックを開いてください</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="84" />
        <source>Input {0}×{0}</source>
        <translation>入力 {0}×{0}</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="85" />
        <source>Max {0}×{0}</source>
        <translation>最大 {0}×{0}</translation>
    </message>
    <message>
        <location filename="../../cnnstudio/gui/learn/picture_pages.py" line="86" />
        <source>Average {0}×{0}</source>
        <translation>平均 {0}×{0}</translation>
    </message>
</context>
<context>
    <name>ResidualPage</name>
    <message>
        <location filename="../../cnnstudio/gui/learn/module_pages.py" line="153" />
        <location filename="../../cnnstudio/gui/learn/module_pages.py" line="165" />
        <source>{0}, stride {1}</source>
        <translation>{0}、ストライド {1}</translation>
    </message>
</context>
</TS>