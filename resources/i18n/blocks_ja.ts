<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>BlockChoices</name>
    <message>
        <source>nearest</source>
        <translation>最近傍（nearest）</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>双線形（bilinear）</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>双三次（bicubic）</translation>
    </message>
    <message>
        <source>nearest-exact</source>
        <translation>最近傍・正確（nearest-exact）</translation>
    </message>
    <message>
        <source>default</source>
        <translation>既定（PyTorch）</translation>
    </message>
    <message>
        <source>kaiming_normal</source>
        <translation>Kaiming 正規分布（kaiming_normal）</translation>
    </message>
    <message>
        <source>kaiming_uniform</source>
        <translation>Kaiming 一様分布（kaiming_uniform）</translation>
    </message>
    <message>
        <source>xavier_normal</source>
        <translation>Xavier 正規分布（xavier_normal）</translation>
    </message>
    <message>
        <source>xavier_uniform</source>
        <translation>Xavier 一様分布（xavier_uniform）</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>直交行列（orthogonal）</translation>
    </message>
    <message>
        <source>size</source>
        <translation>サイズ（size）</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>倍率（scale）</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>ゼロ（zeros）</translation>
    </message>
    <message>
        <source>reflect</source>
        <translation>鏡像（reflect）</translation>
    </message>
    <message>
        <source>replicate</source>
        <translation>端の繰り返し（replicate）</translation>
    </message>
    <message>
        <source>circular</source>
        <translation>循環（circular）</translation>
    </message>
    <message>
        <source>basic</source>
        <translation>basic（3×3 ×2）</translation>
    </message>
    <message>
        <source>bottleneck</source>
        <translation>bottleneck（1×1, 3×3, 1×1）</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>silu</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>hardsigmoid</source>
        <translation>Hardsigmoid</translation>
    </message>
    <message>
        <source>row</source>
        <translation>サンプルごと（row）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>バッチ全体（batch）</translation>
    </message>
    <message>
        <source>relu6</source>
        <translation>ReLU6</translation>
    </message>
    <message>
        <source>hardswish</source>
        <translation>Hardswish</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>gelu</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>mish</source>
        <translation>Mish</translation>
    </message>
    <message>
        <source>elu</source>
        <translation>ELU</translation>
    </message>
</context>
<context>
    <name>BlockErrors</name>
    <message>
        <source>GroupNorm expects C×H×W (or C×L), got {shape}</source>
        <translation>GroupNorm の入力は C×H×W（または C×L）でなければなりませんが、{shape} です</translation>
    </message>
    <message>
        <source>Use 1 group (layer norm over C×H×W)</source>
        <translation>グループ数を 1 にする（C×H×W 全体のレイヤー正規化）</translation>
    </message>
    <message>
        <source>num_groups = {groups} must divide the {c} channels ({c} mod {groups} = {rest})</source>
        <translation>num_groups = {groups} は {c} チャンネルを割り切る必要があります（{c} mod {groups} = {rest}）</translation>
    </message>
    <message>
        <source>groups = {groups} must divide the {c} channels</source>
        <translation>groups = {groups} は {c} チャンネルを割り切る必要があります</translation>
    </message>
    <message>
        <source>ch5x5_kernel must be odd (3 or 5)</source>
        <translation>ch5x5_kernel は奇数（3 または 5）でなければなりません</translation>
    </message>
    <message>
        <source>groups = {groups} must divide both input channels ({c_in}) and output channels ({c_out})</source>
        <translation>groups = {groups} は入力チャンネル数（{c_in}）と出力チャンネル数（{c_out}）の両方を割り切る必要があります</translation>
    </message>
    <message>
        <source>Set groups to 1</source>
        <translation>グループ数を 1 にする</translation>
    </message>
    <message>
        <source>kernel {span} &gt; padded input {padded}: {arithmetic}</source>
        <translation>カーネルサイズ {span} がパディング後の入力サイズ {padded} を超えています: {arithmetic}</translation>
    </message>
    <message>
        <source>Use &apos;same&apos; padding</source>
        <translation>パディングを &apos;same&apos; にする</translation>
    </message>
    <message>
        <source>padding &apos;same&apos; needs stride 1 (PyTorch does not support it with stride &gt; 1)</source>
        <translation>パディング &apos;same&apos; にはストライド 1 が必要です（PyTorch はストライド &gt; 1 では対応していません）</translation>
    </message>
    <message>
        <source>Set stride to 1</source>
        <translation>ストライドを 1 にする</translation>
    </message>
    <message>
        <source>output_padding {output_padding} must be smaller than stride ({stride}) or dilation ({dilation})</source>
        <translation>output_padding {output_padding} はストライド（{stride}）または dilation（{dilation}）より小さくなければなりません</translation>
    </message>
    <message>
        <source>Set output_padding to 0</source>
        <translation>output_padding を 0 にする</translation>
    </message>
    <message>
        <source>output size {arithmetic} is not positive</source>
        <translation>出力サイズ {arithmetic} が正になりません</translation>
    </message>
    <message>
        <source>Linear expects a flat vector but gets {shape}: insert Flatten ({flat} features) or GlobalAvgPool ({channels} features)</source>
        <translation>Linear には平坦なベクトルが必要ですが、入力は {shape} です: Flatten（{flat} 特徴）または GlobalAvgPool（{channels} 特徴）を挿入してください</translation>
    </message>
    <message>
        <source>the detection head needs a feature map, got {shape}: end the backbone in convolutions, without Flatten or GlobalAvgPool</source>
        <translation>物体検出の出力層には特徴マップが必要ですが、入力は {shape} です: Flatten や GlobalAvgPool を使わず、バックボーンを畳み込み層で終えてください</translation>
    </message>
    <message>
        <source>a flat vector</source>
        <translation>平坦なベクトル</translation>
    </message>
    <message>
        <source>needs num_classes + 4 = {classes} + 4 = {want} channels (a heat map per class, width, height, x and y offset), got {got}: end in a 1×1 convolution with {want} output channels</source>
        <translation>num_classes + 4 = {classes} + 4 = {want} チャンネル（クラスごとのヒートマップ、幅、高さ、x と y のオフセット）が必要ですが、{got} チャンネルです: 出力チャンネル数 {want} の 1×1畳み込みで終えてください</translation>
    </message>
    <message>
        <source>Insert a 1×1 convolution to {want} channels</source>
        <translation>{want} チャンネルへの 1×1畳み込みを挿入</translation>
    </message>
    <message>
        <source>Set num_classes to {count}</source>
        <translation>num_classes を {count} にする</translation>
    </message>
    <message>
        <source>stride {stride} on a {image_h}×{image_w} input leaves a {h}×{w} grid: small objects will be missed (one object per cell; aim for stride 4–8)</source>
        <translation>{image_h}×{image_w} の入力に対してストライド {stride} では {h}×{w} のグリッドしか残りません: 小さな物体を見逃します（1セルに物体1つ。ストライド 4–8 を目安にしてください）</translation>
    </message>
    <message>
        <source>{block} needs inputs of the same rank, got {a} and {b}</source>
        <translation>{block} には同じ次元数の入力が必要ですが、{a} と {b} です</translation>
    </message>
    <message>
        <source>{block} cannot broadcast {a} with {b}: axis {axis} is {x} vs {y} (each axis must be equal or 1 on one side)</source>
        <translation>{block} は {a} と {b} をブロードキャストできません: 軸 {axis} が {x} と {y} です（各軸は等しいか、どちらかが 1 でなければなりません）</translation>
    </message>
    <message>
        <source>Insert AdaptiveAvgPool2d → 1×1 (a per-channel gate)</source>
        <translation>AdaptiveAvgPool2d → 1×1 を挿入（チャンネルごとのゲート）</translation>
    </message>
    <message>
        <source>a C×H×W image</source>
        <translation>C×H×W の画像</translation>
    </message>
    <message>
        <source>a real/fake head takes one logit per image, got {shape}: end the discriminator in a convolution to 1 channel over the whole map, or Flatten and a Linear layer with 1 output</source>
        <translation>本物/偽物の出力層は画像ごとに1つのロジットを受け取りますが、入力は {shape} です: 識別器をマップ全体にわたる1チャンネルへの畳み込みで終えるか、Flatten と出力1の Linear 層で終えてください</translation>
    </message>
    <message>
        <source>mu and logvar must have equal shapes, got mu {mu}, logvar {logvar}</source>
        <translation>mu と logvar は同じ形状でなければなりませんが、mu は {mu}、logvar は {logvar} です</translation>
    </message>
    <message>
        <source>align_corners applies to bilinear and bicubic only, not {mode}</source>
        <translation>align_corners は bilinear と bicubic だけに使えます。{mode} には使えません</translation>
    </message>
    <message>
        <source>Turn align_corners off</source>
        <translation>align_corners をオフにする</translation>
    </message>
    <message>
        <source>Scale by 1</source>
        <translation>倍率を 1 にする</translation>
    </message>
    <message>
        <source>a classification head takes one score per class, got {shape}: add GlobalAvgPool or Flatten and a Linear layer with one output per class</source>
        <translation>分類の出力層はクラスごとに1つのスコアを受け取りますが、入力は {shape} です: GlobalAvgPool か Flatten と、クラスごとに1出力の Linear 層を加えてください</translation>
    </message>
    <message>
        <source>a classifier needs at least 2 classes, got {count}</source>
        <translation>分類には2クラス以上が必要ですが、{count} クラスです</translation>
    </message>
    <message>
        <source>Add needs equal shapes, got {shapes}</source>
        <translation>Add には同じ形状の入力が必要ですが、{shapes} です</translation>
    </message>
    <message>
        <source>Concat needs equal heights and widths, got {shapes}</source>
        <translation>Concat には高さと幅が等しい入力が必要ですが、{shapes} です</translation>
    </message>
    <message>
        <source>Concat needs equal all but the channel axis, got {shapes}</source>
        <translation>Concat にはチャンネル以外の軸が等しい入力が必要ですが、{shapes} です</translation>
    </message>
    <message>
        <source>Set padding to 0</source>
        <translation>パディングを 0 にする</translation>
    </message>
    <message>
        <source>Shrink kernel to {size}</source>
        <translation>カーネルサイズを {size} に縮める</translation>
    </message>
    <message>
        <source>Use {count} groups</source>
        <translation>グループ数を {count} にする</translation>
    </message>
    <message>
        <source>Use {value}</source>
        <translation>{value} にする</translation>
    </message>
    <message>
        <source>Insert {block}</source>
        <translation>{block} を挿入</translation>
    </message>
    <message>
        <source>{arithmetic}: the output would be empty</source>
        <translation>{arithmetic}: 出力が空になります</translation>
    </message>
    <message>
        <source>expects {what}, got {shape}</source>
        <translation>入力は {what}でなければなりませんが、{shape} です</translation>
    </message>
    <message>
        <source>a C×H×W tensor</source>
        <translation>C×H×W のテンソル</translation>
    </message>
    <message>
        <source>a scalar</source>
        <translation>スカラー</translation>
    </message>
    <message>
        <source>max_val {max_val} must be greater than min_val {min_val}</source>
        <translation>max_val {max_val} は min_val {min_val} より大きくなければなりません</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>{block} expects {ranks}, got {shape}</source>
        <translation>{block} の入力は {ranks} でなければなりませんが、{shape} です</translation>
    </message>
    <message>
        <source>reflect padding of {amount} on the {side} needs at most {most} (size − 1) of a {h}×{w} map</source>
        <translation>{h}×{w} のマップでは、{side}の reflect パディング {amount} は最大 {most}（サイズ − 1）までです</translation>
    </message>
    <message>
        <source>circular padding of {amount} on the {side} needs at most {most} (the size) of a {h}×{w} map</source>
        <translation>{h}×{w} のマップでは、{side}の circular パディング {amount} は最大 {most}（サイズそのもの）までです</translation>
    </message>
    <message>
        <source>Pad with zeros</source>
        <translation>ゼロでパディングする</translation>
    </message>
    <message>
        <source>Use factor {factor}</source>
        <translation>倍率を {factor} にする</translation>
    </message>
    <message>
        <source>{c} channels are not divisible by r² = {r}² = {square}</source>
        <translation>{c} チャンネルは r² = {r}² = {square} で割り切れません</translation>
    </message>
    <message>
        <source>a {h}×{w} map does not split into {r}×{r} patches ({h} mod {r}, {w} mod {r})</source>
        <translation>{h}×{w} のマップは {r}×{r} のパッチに分割できません（{h} mod {r}、{w} mod {r}）</translation>
    </message>
    <message>
        <source>padding {padding} must be at most half the kernel ({kernel}/2)</source>
        <translation>パディング {padding} はカーネルサイズの半分（{kernel}/2）以下でなければなりません</translation>
    </message>
    <message>
        <source>a basic module has no grouped 3×3: groups {groups}, width per group {width} need kind = bottleneck (ResNeXt)</source>
        <translation>basic モジュールにはグループ化した 3×3 がありません: groups {groups}、グループあたりのチャンネル数 {width} には kind = bottleneck（ResNeXt）が必要です</translation>
    </message>
    <message>
        <source>Use a bottleneck</source>
        <translation>bottleneck にする</translation>
    </message>
    <message>
        <source>Use groups 1, width 64</source>
        <translation>groups を 1、チャンネル数を 64 にする</translation>
    </message>
    <message>
        <source>planes {planes} × width per group {width} / 64 rounds down to 0 channels</source>
        <translation>planes {planes} × グループあたりのチャンネル数 {width} / 64 は切り捨てで 0 チャンネルになります</translation>
    </message>
    <message>
        <source>Use width 64 per group</source>
        <translation>グループあたりのチャンネル数を 64 にする</translation>
    </message>
    <message>
        <source>out_channels {out} is odd: the unit joins two halves of equal width</source>
        <translation>out_channels {out} が奇数です: このユニットは同じ幅の2つの半分をつなぎます</translation>
    </message>
    <message>
        <source>a stride-1 unit keeps the width: {c} channels in, out_channels {out}</source>
        <translation>ストライド1のユニットはチャンネル数を保ちます: 入力は {c} チャンネル、out_channels は {out} です</translation>
    </message>
    <message>
        <source>Use stride 2</source>
        <translation>ストライドを 2 にする</translation>
    </message>
    <message>
        <source>{count} sizes listed for {outputs} outputs</source>
        <translation>出力が {outputs} 個なのに、サイズが {count} 個指定されています</translation>
    </message>
    <message>
        <source>Use {count} outputs</source>
        <translation>出力を {count} 個にする</translation>
    </message>
    <message>
        <source>Use equal pieces</source>
        <translation>均等に分割する</translation>
    </message>
    <message>
        <source>the sizes add up to {sum} = {total}, but the input has {channels} channels</source>
        <translation>サイズの合計は {sum} = {total} ですが、入力のチャンネル数は {channels} です</translation>
    </message>
    <message>
        <source>{channels} channels in pieces of ⌈{channels}/{outputs}⌉ = {size} make {fit} pieces, not {outputs} (torch.chunk would return fewer)</source>
        <translation>{channels} チャンネルを ⌈{channels}/{outputs}⌉ = {size} ずつに分けると {outputs} 個ではなく {fit} 個になります（torch.chunk の出力が足りなくなります）</translation>
    </message>
    <message>
        <source>expects a tensor with channels, got a scalar</source>
        <translation>チャンネルを持つテンソルが必要ですが、スカラーが渡されました</translation>
    </message>
    <message>
        <source>the 2×2 average pool needs a map of at least 2×2, got {h}×{w}</source>
        <translation>2×2 の平均プーリングには 2×2 以上のマップが必要ですが、{h}×{w} です</translation>
    </message>
    <message>
        <source>a transition usually narrows: {c} channels in</source>
        <translation>遷移層はふつうチャンネル数を減らします: 入力は {c} チャンネルです</translation>
    </message>
    <message>
        <source>shape is empty: give the sizes of each sample</source>
        <translation>形状が空です: 各サンプルのサイズを指定してください</translation>
    </message>
    <message>
        <source>shape {shape} has {count} dims; at most {most} per sample</source>
        <translation>形状 {shape} は {count} 次元です。1サンプルあたり最大 {most} 次元までです</translation>
    </message>
    <message>
        <source>a size of 0</source>
        <translation>サイズ 0</translation>
    </message>
    <message>
        <source>more than one −1</source>
        <translation>複数の −1</translation>
    </message>
    <message>
        <source>shape {shape} has {what}</source>
        <translation>形状 {shape} に {what} が含まれています</translation>
    </message>
    <message>
        <source>cannot reshape {before} ({total} values) to {shape}: {total} is not a multiple of {known}</source>
        <translation>{before}（値 {total} 個）を {shape} に形状変更できません: {total} は {known} の倍数ではありません</translation>
    </message>
    <message>
        <source>cannot reshape {before} ({total} values) to {after} ({count} values): the number of values must stay the same</source>
        <translation>{before}（値 {total} 個）を {after}（値 {count} 個）に形状変更できません: 値の個数は変えられません</translation>
    </message>
    <message>
        <source>dims {dims} do not reorder the {rank} dims of {shape}: give each of 0 … {top} once</source>
        <translation>dims {dims} は {shape} の {rank} 個の次元の並べ替えになっていません: 0 … {top} をそれぞれ1回ずつ指定してください</translation>
    </message>
    <message>
        <source>kernel_size {k} is even: padding {k}//2 = {pad} grows the map and the + input fails</source>
        <translation>kernel_size {k} が偶数です。パディング {k}//2 = {pad} で特徴マップが大きくなり、入力との足し算（+ 入力）ができません</translation>
    </message>
    <message>
        <source>kernel_size {k} is even: padding ({k}−1)//2 = {pad} shrinks the map by one and the + input fails</source>
        <translation>kernel_size {k} が偶数です。パディング ({k}−1)//2 = {pad} で特徴マップが 1 小さくなり、入力との足し算（+ 入力）ができません</translation>
    </message>
</context>
<context>
    <name>BlockImport</name>
    <message>
        <source>GELU(approximate=&apos;tanh&apos;)</source>
        <translation>GELU(approximate=&apos;tanh&apos;)（tanh 近似）</translation>
    </message>
    <message>
        <source>gelu(approximate=&apos;tanh&apos;)</source>
        <translation>gelu(approximate=&apos;tanh&apos;)（tanh 近似）</translation>
    </message>
    <message>
        <source>adaptive max pooling with return_indices=True</source>
        <translation>return_indices=True の適応的最大プーリング</translation>
    </message>
    <message>
        <source>a LayerNorm2d over more than the channels</source>
        <translation>チャンネル以外にもわたる LayerNorm2d</translation>
    </message>
    <message>
        <source>LayerNorm2d without a bias</source>
        <translation>バイアスのない LayerNorm2d</translation>
    </message>
    <message>
        <source>padding_mode={mode} (only zero padding)</source>
        <translation>padding_mode={mode}（ゼロパディングのみ対応）</translation>
    </message>
    <message>
        <source>Flatten({start}, {end}) (only from dim 1 to the end)</source>
        <translation>Flatten({start}, {end})（dim 1 から最後までの平坦化のみ対応）</translation>
    </message>
    <message>
        <source>flatten from dim {start} to {end} (only from dim 1)</source>
        <translation>dim {start} から {end} への平坦化（dim 1 からのみ対応）</translation>
    </message>
    <message>
        <source>{op} with a number (only tensor {symbol} tensor)</source>
        <translation>数値との {op}（テンソル {symbol} テンソルのみ対応）</translation>
    </message>
    <message>
        <source>{op} of tensors of different ranks</source>
        <translation>次元数の異なるテンソルの {op}</translation>
    </message>
    <message>
        <source>an op whose first argument is not a tensor</source>
        <translation>最初の引数がテンソルでない演算</translation>
    </message>
    <message>
        <source>interpolation mode {mode} ({modes})</source>
        <translation>補間モード {mode}（対応: {modes}）</translation>
    </message>
    <message>
        <source>interpolation of a tensor that is not N×C×H×W</source>
        <translation>N×C×H×W でないテンソルの補間</translation>
    </message>
    <message>
        <source>different scale factors for height and width</source>
        <translation>高さと幅で異なる倍率</translation>
    </message>
    <message>
        <source>interpolation with antialias=True</source>
        <translation>antialias=True の補間</translation>
    </message>
    <message>
        <source>interpolation with recompute_scale_factor=True</source>
        <translation>recompute_scale_factor=True の補間</translation>
    </message>
    <message>
        <source>adding a number (only tensor + tensor)</source>
        <translation>数値の加算（テンソル + テンソルのみ対応）</translation>
    </message>
    <message>
        <source>torch.add with alpha</source>
        <translation>alpha 付きの torch.add</translation>
    </message>
    <message>
        <source>adding tensors of different shapes (broadcasting)</source>
        <translation>形状の異なるテンソルの加算（ブロードキャスト）</translation>
    </message>
    <message>
        <source>torch.cat of a computed sequence (only a list of tensors)</source>
        <translation>計算で作った列の torch.cat（テンソルのリストのみ対応）</translation>
    </message>
    <message>
        <source>torch.cat of something that is not a tensor of the network</source>
        <translation>ネットワークのテンソルでないものの torch.cat</translation>
    </message>
    <message>
        <source>torch.cat on dim {dim} (only on channels, dim 1)</source>
        <translation>dim {dim} での torch.cat（チャンネル方向 dim 1 のみ対応）</translation>
    </message>
    <message>
        <source>dim={dim} (only over channels, dim 1)</source>
        <translation>dim={dim}（チャンネル方向 dim 1 のみ対応）</translation>
    </message>
    <message>
        <source>{op} with a dtype</source>
        <translation>dtype 指定付きの {op}</translation>
    </message>
    <message>
        <source>num_parameters={count} (1 or the {channels} channels)</source>
        <translation>num_parameters={count}（1 またはチャンネル数 {channels} のみ対応）</translation>
    </message>
    <message>
        <source>activation {name} after the batch norm</source>
        <translation>バッチ正規化の後の活性化関数 {name}</translation>
    </message>
    <message>
        <source>batch norm without running statistics</source>
        <translation>移動統計量を持たないバッチ正規化</translation>
    </message>
    <message>
        <source>{name} between the batch norm and its activation</source>
        <translation>バッチ正規化とその活性化関数の間の {name}</translation>
    </message>
    <message>
        <source>padding {count} values (only the last two dims: 2 or 4 values)</source>
        <translation>{count} 個の値によるパディング（最後の2次元のみ対応: 2 個か 4 個）</translation>
    </message>
    <message>
        <source>negative padding {sides} (cropping)</source>
        <translation>負のパディング {sides}（切り抜き）</translation>
    </message>
    <message>
        <source>ConstantPad2d with value {value} (only zeros)</source>
        <translation>値 {value} の ConstantPad2d（ゼロのみ対応）</translation>
    </message>
    <message>
        <source>F.pad of a tensor that is not N×C×H×W</source>
        <translation>N×C×H×W でないテンソルの F.pad</translation>
    </message>
    <message>
        <source>padding mode {mode}</source>
        <translation>パディングモード {mode}</translation>
    </message>
    <message>
        <source>constant padding with value {value}</source>
        <translation>値 {value} による定数パディング</translation>
    </message>
    <message>
        <source>padding computed from sizes (only 4 values)</source>
        <translation>サイズから計算したパディング（4 個の値のみ対応）</translation>
    </message>
    <message>
        <source>adaptive pooling that keeps one side (output_size with None)</source>
        <translation>片方の辺を保つ適応的プーリング（None を含む output_size）</translation>
    </message>
    <message>
        <source>max pooling with return_indices=True</source>
        <translation>return_indices=True の最大プーリング</translation>
    </message>
    <message>
        <source>average pooling with divisor_override</source>
        <translation>divisor_override 付きの平均プーリング</translation>
    </message>
    <message>
        <source>a mean over dims {dims} (only over height and width)</source>
        <translation>dims {dims} にわたる平均（高さと幅のみ対応）</translation>
    </message>
    <message>
        <source>DropPath without rescaling the kept samples</source>
        <translation>残したサンプルを再スケールしない DropPath</translation>
    </message>
    <message>
        <source>stochastic depth mode {mode}</source>
        <translation>Stochastic Depth のモード {mode}</translation>
    </message>
    <message>
        <source>a frozen batch norm whose statistics are not one value per channel</source>
        <translation>統計量がチャンネルごとに1つの値になっていない凍結バッチ正規化</translation>
    </message>
    <message>
        <source>unflatten of the batch</source>
        <translation>バッチ次元の unflatten</translation>
    </message>
    <message>
        <source>a reshape from {before} to {after} that moves the batch dimension</source>
        <translation>バッチ次元を動かす {before} から {after} への reshape</translation>
    </message>
    <message>
        <source>a reshape to {after} (1 to {most} dims per sample)</source>
        <translation>{after} への reshape（1サンプルあたり 1〜{most} 次元のみ対応）</translation>
    </message>
    <message>
        <source>a transpose of computed dims</source>
        <translation>計算で求めた次元での transpose</translation>
    </message>
    <message>
        <source>a permute with dims {dims}</source>
        <translation>dims {dims} の permute</translation>
    </message>
    <message>
        <source>a permute that moves the batch dimension ({dims})</source>
        <translation>バッチ次元を動かす permute（{dims}）</translation>
    </message>
</context>
<context>
    <name>BlockKeywords</name>
    <message>
        <source>rectifier</source>
        <translation>整流 正規化線形関数</translation>
    </message>
    <message>
        <source>gaussian error</source>
        <translation>ガウス誤差</translation>
    </message>
    <message>
        <source>swish</source>
        <translation>スウィッシュ</translation>
    </message>
    <message>
        <source>logistic</source>
        <translation>ロジスティック シグモイド</translation>
    </message>
    <message>
        <source>hyperbolic tangent</source>
        <translation>双曲線正接</translation>
    </message>
    <message>
        <source>interpolate</source>
        <translation>補間</translation>
    </message>
    <message>
        <source>resize</source>
        <translation>リサイズ 拡大縮小</translation>
    </message>
    <message>
        <source>nearest</source>
        <translation>最近傍</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>双線形</translation>
    </message>
    <message>
        <source>upscale</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>adaptive max pooling</source>
        <translation>適応的最大プーリング</translation>
    </message>
    <message>
        <source>global max pooling</source>
        <translation>大域最大プーリング</translation>
    </message>
    <message>
        <source>spatial pyramid</source>
        <translation>空間ピラミッド</translation>
    </message>
    <message>
        <source>group normalization</source>
        <translation>グループ正規化</translation>
    </message>
    <message>
        <source>gn</source>
        <translation>gn</translation>
    </message>
    <message>
        <source>batch independent</source>
        <translation>バッチ非依存</translation>
    </message>
    <message>
        <source>layer normalization</source>
        <translation>レイヤー正規化</translation>
    </message>
    <message>
        <source>ln</source>
        <translation>ln</translation>
    </message>
    <message>
        <source>convnext</source>
        <translation>convnext</translation>
    </message>
    <message>
        <source>channels last</source>
        <translation>チャンネル最後</translation>
    </message>
    <message>
        <source>shufflenet</source>
        <translation>shufflenet</translation>
    </message>
    <message>
        <source>group shuffle</source>
        <translation>グループシャッフル</translation>
    </message>
    <message>
        <source>interleave channels</source>
        <translation>チャンネル並べ替え</translation>
    </message>
    <message>
        <source>basicconv2d</source>
        <translation>basicconv2d</translation>
    </message>
    <message>
        <source>conv bn relu</source>
        <translation>畳み込み バッチ正規化</translation>
    </message>
    <message>
        <source>cbr</source>
        <translation>cbr</translation>
    </message>
    <message>
        <source>googlenet</source>
        <translation>インセプションモジュール インセプション</translation>
    </message>
    <message>
        <source>multi-branch</source>
        <translation>多分岐 分岐</translation>
    </message>
    <message>
        <source>network in network</source>
        <translation>ネットワークインネットワーク</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>畳み込み 畳み込み層</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>フィルタ</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>カーネル</translation>
    </message>
    <message>
        <source>depthwise</source>
        <translation>デプスワイズ</translation>
    </message>
    <message>
        <source>pointwise</source>
        <translation>ポイントワイズ 1×1畳み込み</translation>
    </message>
    <message>
        <source>grouped</source>
        <translation>グループ畳み込み</translation>
    </message>
    <message>
        <source>deconvolution</source>
        <translation>逆畳み込み</translation>
    </message>
    <message>
        <source>transposed</source>
        <translation>転置</translation>
    </message>
    <message>
        <source>upconvolution</source>
        <translation>アップサンプリング</translation>
    </message>
    <message>
        <source>fractionally strided</source>
        <translation>分数ストライド</translation>
    </message>
    <message>
        <source>cnblock</source>
        <translation>cnblock</translation>
    </message>
    <message>
        <source>inverted bottleneck</source>
        <translation>逆ボトルネック</translation>
    </message>
    <message>
        <source>layer scale</source>
        <translation>レイヤースケール</translation>
    </message>
    <message>
        <source>modern resnet</source>
        <translation>残差モジュール</translation>
    </message>
    <message>
        <source>vectorize</source>
        <translation>ベクトル化</translation>
    </message>
    <message>
        <source>reshape</source>
        <translation>形状変更 平坦化</translation>
    </message>
    <message>
        <source>view</source>
        <translation>view</translation>
    </message>
    <message>
        <source>fully connected</source>
        <translation>全結合 全結合層</translation>
    </message>
    <message>
        <source>dense</source>
        <translation>全結合</translation>
    </message>
    <message>
        <source>fc</source>
        <translation>fc</translation>
    </message>
    <message>
        <source>perceptron</source>
        <translation>パーセプトロン</translation>
    </message>
    <message>
        <source>classifier</source>
        <translation>分類器</translation>
    </message>
    <message>
        <source>regularization</source>
        <translation>正則化</translation>
    </message>
    <message>
        <source>regularisation</source>
        <translation>過学習</translation>
    </message>
    <message>
        <source>product</source>
        <translation>積 要素積</translation>
    </message>
    <message>
        <source>gate</source>
        <translation>ゲート</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>スケール</translation>
    </message>
    <message>
        <source>squeeze-and-excitation</source>
        <translation>チャンネル注意</translation>
    </message>
    <message>
        <source>se</source>
        <translation>se</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意機構 アテンション</translation>
    </message>
    <message>
        <source>mul</source>
        <translation>乗算 掛け算</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差</translation>
    </message>
    <message>
        <source>minus</source>
        <translation>引き算</translation>
    </message>
    <message>
        <source>sub</source>
        <translation>減算</translation>
    </message>
    <message>
        <source>gan</source>
        <translation>敵対的生成ネットワーク</translation>
    </message>
    <message>
        <source>generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>fake image</source>
        <translation>偽画像</translation>
    </message>
    <message>
        <source>synthesis</source>
        <translation>合成 画像生成</translation>
    </message>
    <message>
        <source>discriminator</source>
        <translation>識別器</translation>
    </message>
    <message>
        <source>critic</source>
        <translation>批評家</translation>
    </message>
    <message>
        <source>adversarial</source>
        <translation>敵対的</translation>
    </message>
    <message>
        <source>vae</source>
        <translation>変分オートエンコーダ</translation>
    </message>
    <message>
        <source>reparameterization</source>
        <translation>再パラメータ化</translation>
    </message>
    <message>
        <source>reparameterisation</source>
        <translation>サンプリング</translation>
    </message>
    <message>
        <source>latent</source>
        <translation>潜在 潜在ベクトル</translation>
    </message>
    <message>
        <source>variational</source>
        <translation>変分</translation>
    </message>
    <message>
        <source>pass through</source>
        <translation>素通し</translation>
    </message>
    <message>
        <source>placeholder</source>
        <translation>プレースホルダ 仮置き</translation>
    </message>
    <message>
        <source>no-op</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>noop</source>
        <translation>何もしない</translation>
    </message>
    <message>
        <source>spatial dropout</source>
        <translation>空間ドロップアウト</translation>
    </message>
    <message>
        <source>channel dropout</source>
        <translation>チャンネルドロップアウト</translation>
    </message>
    <message>
        <source>upsample</source>
        <translation>アップサンプリング</translation>
    </message>
    <message>
        <source>densenet</source>
        <translation>densenet</translation>
    </message>
    <message>
        <source>dense connectivity</source>
        <translation>密結合</translation>
    </message>
    <message>
        <source>feature reuse</source>
        <translation>特徴の再利用</translation>
    </message>
    <message>
        <source>densenet-b</source>
        <translation>DenseNet-B</translation>
    </message>
    <message>
        <source>transition layer</source>
        <translation>遷移層</translation>
    </message>
    <message>
        <source>compression</source>
        <translation>圧縮</translation>
    </message>
    <message>
        <source>downsample</source>
        <translation>ダウンサンプリング</translation>
    </message>
    <message>
        <source>f.interpolate</source>
        <translation>f.interpolate</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>separable convolution</source>
        <translation>分離可能畳み込み</translation>
    </message>
    <message>
        <source>mobilenet</source>
        <translation>mobilenet</translation>
    </message>
    <message>
        <source>mobilenetv1</source>
        <translation>mobilenetv1</translation>
    </message>
    <message>
        <source>xception</source>
        <translation>xception</translation>
    </message>
    <message>
        <source>1×1 convolution</source>
        <translation>1×1畳み込み</translation>
    </message>
    <message>
        <source>fewer parameters</source>
        <translation>パラメータ削減</translation>
    </message>
    <message>
        <source>mobilenetv2</source>
        <translation>mobilenetv2</translation>
    </message>
    <message>
        <source>mbconv</source>
        <translation>mbconv</translation>
    </message>
    <message>
        <source>depthwise separable</source>
        <translation>デプスワイズ分離可能畳み込み</translation>
    </message>
    <message>
        <source>linear bottleneck</source>
        <translation>線形ボトルネック</translation>
    </message>
    <message>
        <source>expansion</source>
        <translation>拡張</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>ソフトマックス</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交差エントロピー</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>ロジット</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>mse</source>
        <translation>平均二乗誤差</translation>
    </message>
    <message>
        <source>autoencoder</source>
        <translation>オートエンコーダ</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>デコーダ</translation>
    </message>
    <message>
        <source>image output</source>
        <translation>画像出力</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>和 足し算</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>加算</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>残差接続 ショートカット接続</translation>
    </message>
    <message>
        <source>mobile inverted bottleneck</source>
        <translation>モバイル逆ボトルネック</translation>
    </message>
    <message>
        <source>efficientnetv2</source>
        <translation>efficientnetv2</translation>
    </message>
    <message>
        <source>fused mbconv</source>
        <translation>融合 MBConv</translation>
    </message>
    <message>
        <source>inverted residual</source>
        <translation>逆残差</translation>
    </message>
    <message>
        <source>stochastic depth</source>
        <translation>確率的深さ</translation>
    </message>
    <message>
        <source>shortcut</source>
        <translation>ショートカット接続</translation>
    </message>
    <message>
        <source>skip connection</source>
        <translation>スキップ接続</translation>
    </message>
    <message>
        <source>concatenate</source>
        <translation>連結</translation>
    </message>
    <message>
        <source>stack channels</source>
        <translation>チャンネル結合</translation>
    </message>
    <message>
        <source>join</source>
        <translation>結合</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>合流</translation>
    </message>
    <message>
        <source>dense connection</source>
        <translation>密結合</translation>
    </message>
    <message>
        <source>clipped relu</source>
        <translation>クリップ</translation>
    </message>
    <message>
        <source>bounded</source>
        <translation>有界</translation>
    </message>
    <message>
        <source>clamp</source>
        <translation>制限</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>クリッピング</translation>
    </message>
    <message>
        <source>h-swish</source>
        <translation>h-swish</translation>
    </message>
    <message>
        <source>bneck</source>
        <translation>bneck</translation>
    </message>
    <message>
        <source>hard swish</source>
        <translation>ハードスウィッシュ</translation>
    </message>
    <message>
        <source>mobilenetv3</source>
        <translation>mobilenetv3</translation>
    </message>
    <message>
        <source>h-sigmoid</source>
        <translation>h-sigmoid</translation>
    </message>
    <message>
        <source>hard sigmoid</source>
        <translation>ハードシグモイド</translation>
    </message>
    <message>
        <source>exponential linear</source>
        <translation>指数線形</translation>
    </message>
    <message>
        <source>self regularized</source>
        <translation>自己正則化</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>normalized exponential</source>
        <translation>正規化指数関数</translation>
    </message>
    <message>
        <source>log probabilities</source>
        <translation>対数確率</translation>
    </message>
    <message>
        <source>nll</source>
        <translation>負の対数尤度</translation>
    </message>
    <message>
        <source>parametric relu</source>
        <translation>パラメトリック</translation>
    </message>
    <message>
        <source>learnable</source>
        <translation>学習可能</translation>
    </message>
    <message>
        <source>leaky</source>
        <translation>リーキー</translation>
    </message>
    <message>
        <source>batch normalization</source>
        <translation>バッチ正規化</translation>
    </message>
    <message>
        <source>batchnorm</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>bn</source>
        <translation>bn</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>zero pad</source>
        <translation>ゼロパディング</translation>
    </message>
    <message>
        <source>reflection</source>
        <translation>反射 鏡像</translation>
    </message>
    <message>
        <source>replicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>crop</source>
        <translation>切り抜き</translation>
    </message>
    <message>
        <source>border</source>
        <translation>縁 境界</translation>
    </message>
    <message>
        <source>f.pad</source>
        <translation>f.pad</translation>
    </message>
    <message>
        <source>sub-pixel convolution</source>
        <translation>サブピクセル畳み込み</translation>
    </message>
    <message>
        <source>depth to space</source>
        <translation>深さから空間</translation>
    </message>
    <message>
        <source>espcn</source>
        <translation>espcn</translation>
    </message>
    <message>
        <source>super resolution</source>
        <translation>超解像</translation>
    </message>
    <message>
        <source>space to depth</source>
        <translation>空間から深さ</translation>
    </message>
    <message>
        <source>focus</source>
        <translation>focus</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>最大プーリング Maxプーリング プーリング プーリング層</translation>
    </message>
    <message>
        <source>subsample</source>
        <translation>サブサンプリング</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>平均プーリング</translation>
    </message>
    <message>
        <source>mean pooling</source>
        <translation>平均値プーリング</translation>
    </message>
    <message>
        <source>adaptive average pooling</source>
        <translation>適応的平均プーリング</translation>
    </message>
    <message>
        <source>global average pooling</source>
        <translation>大域平均プーリング</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>gap</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>resnet</source>
        <translation>resnet 残差</translation>
    </message>
    <message>
        <source>basicblock</source>
        <translation>basicblock</translation>
    </message>
    <message>
        <source>bottleneck</source>
        <translation>ボトルネック</translation>
    </message>
    <message>
        <source>resnext</source>
        <translation>resnext</translation>
    </message>
    <message>
        <source>wide resnet</source>
        <translation>wide resnet</translation>
    </message>
    <message>
        <source>channel split</source>
        <translation>チャンネル分割</translation>
    </message>
    <message>
        <source>channel shuffle</source>
        <translation>チャンネルシャッフル</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>モバイル</translation>
    </message>
    <message>
        <source>squeeze and excitation</source>
        <translation>スクイーズ</translation>
    </message>
    <message>
        <source>channel attention</source>
        <translation>チャンネル注意機構</translation>
    </message>
    <message>
        <source>batch norm activation</source>
        <translation>バッチ正規化 活性化関数</translation>
    </message>
    <message>
        <source>bn act</source>
        <translation>bn act</translation>
    </message>
    <message>
        <source>norm act</source>
        <translation>正規化と活性化</translation>
    </message>
    <message>
        <source>timm</source>
        <translation>timm</translation>
    </message>
    <message>
        <source>efficientnet</source>
        <translation>efficientnet</translation>
    </message>
    <message>
        <source>drop path</source>
        <translation>ドロップパス</translation>
    </message>
    <message>
        <source>droppath</source>
        <translation>droppath</translation>
    </message>
    <message>
        <source>residual dropout</source>
        <translation>残差ドロップアウト</translation>
    </message>
    <message>
        <source>head</source>
        <translation>出力層 ヘッド</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>出力層</translation>
    </message>
    <message>
        <source>output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>1x1</source>
        <translation>1×1畳み込み</translation>
    </message>
    <message>
        <source>3x3</source>
        <translation>3x3</translation>
    </message>
    <message>
        <source>5x5</source>
        <translation>5x5</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>1x1 conv</source>
        <translation>1x1 畳み込み</translation>
    </message>
    <message>
        <source>1x1 convolution</source>
        <translation>1×1 畳み込み</translation>
    </message>
    <message>
        <source>dilation</source>
        <translation>ダイレーション 膨張</translation>
    </message>
    <message>
        <source>dilated</source>
        <translation>膨張畳み込み</translation>
    </message>
    <message>
        <source>atrous</source>
        <translation>アトラス畳み込み</translation>
    </message>
    <message>
        <source>leaky relu</source>
        <translation>リーキー ReLU</translation>
    </message>
    <message>
        <source>deconv</source>
        <translation>デコンボリューション</translation>
    </message>
    <message>
        <source>transposed convolution</source>
        <translation>転置畳み込み</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>basic block</source>
        <translation>基本ブロック</translation>
    </message>
    <message>
        <source>residual block</source>
        <translation>残差ブロック</translation>
    </message>
    <message>
        <source>affine</source>
        <translation>アフィン</translation>
    </message>
    <message>
        <source>mlp</source>
        <translation>多層パーセプトロン</translation>
    </message>
    <message>
        <source>linear layer</source>
        <translation>線形層 線形</translation>
    </message>
    <message>
        <source>global average</source>
        <translation>大域平均</translation>
    </message>
    <message>
        <source>global pooling</source>
        <translation>大域プーリング</translation>
    </message>
    <message>
        <source>adaptive pooling</source>
        <translation>適応的プーリング</translation>
    </message>
    <message>
        <source>subsampling</source>
        <translation>間引き</translation>
    </message>
    <message>
        <source>drop out</source>
        <translation>ドロップアウト</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>バッチノルム</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>cat</translation>
    </message>
    <message>
        <source>merge branches</source>
        <translation>分岐の合流</translation>
    </message>
    <message>
        <source>chunk</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>slice channels</source>
        <translation>チャンネルを切り分ける</translation>
    </message>
    <message>
        <source>branches</source>
        <translation>分岐</translation>
    </message>
    <message>
        <source>torch.split</source>
        <translation>torch.split</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>活性化</translation>
    </message>
    <message>
        <source>activation function</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>softmax function</source>
        <translation>ソフトマックス 関数</translation>
    </message>
    <message>
        <source>unpool</source>
        <translation>アンプーリング</translation>
    </message>
    <message>
        <source>upsampling</source>
        <translation>アップサンプリング</translation>
    </message>
    <message>
        <source>input layer</source>
        <translation>入力層</translation>
    </message>
    <message>
        <source>image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>frozen batch norm</source>
        <translation>凍結バッチ正規化</translation>
    </message>
    <message>
        <source>fixed statistics</source>
        <translation>固定された統計量</translation>
    </message>
    <message>
        <source>detection backbone</source>
        <translation>物体検出 バックボーン</translation>
    </message>
    <message>
        <source>fine-tuning</source>
        <translation>ファインチューニング</translation>
    </message>
    <message>
        <source>unflatten</source>
        <translation>平坦化の逆 アンフラット</translation>
    </message>
    <message>
        <source>vector to map</source>
        <translation>ベクトルからマップ</translation>
    </message>
    <message>
        <source>transpose</source>
        <translation>転置</translation>
    </message>
    <message>
        <source>reorder dimensions</source>
        <translation>次元の並べ替え</translation>
    </message>
</context>
<context>
    <name>BlockParamNames</name>
    <message>
        <source>negative_slope</source>
        <translation>負の傾き</translation>
    </message>
    <message>
        <source>scale_factor</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>out_channels</source>
        <translation>出力チャンネル数</translation>
    </message>
    <message>
        <source>kernel_size</source>
        <translation>カーネルサイズ</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>dilation</source>
        <translation>膨張率（dilation）</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>グループ数</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>init</source>
        <translation>重みの初期化</translation>
    </message>
    <message>
        <source>output_padding</source>
        <translation>出力パディング</translation>
    </message>
    <message>
        <source>ceil_mode</source>
        <translation>切り上げ（ceil_mode）</translation>
    </message>
    <message>
        <source>count_include_pad</source>
        <translation>パディングを平均に含める</translation>
    </message>
    <message>
        <source>output_size</source>
        <translation>出力サイズ</translation>
    </message>
    <message>
        <source>num_groups</source>
        <translation>グループ数</translation>
    </message>
    <message>
        <source>eps</source>
        <translation>安定化の定数 eps</translation>
    </message>
    <message>
        <source>affine</source>
        <translation>アフィン変換を学習</translation>
    </message>
    <message>
        <source>ch1x1</source>
        <translation>1×1 のチャンネル数</translation>
    </message>
    <message>
        <source>ch3x3red</source>
        <translation>3×3 前の削減チャンネル数</translation>
    </message>
    <message>
        <source>ch3x3</source>
        <translation>3×3 のチャンネル数</translation>
    </message>
    <message>
        <source>ch5x5red</source>
        <translation>5×5 前の削減チャンネル数</translation>
    </message>
    <message>
        <source>ch5x5</source>
        <translation>5×5 のチャンネル数</translation>
    </message>
    <message>
        <source>pool_proj</source>
        <translation>プーリング後の射影チャンネル数</translation>
    </message>
    <message>
        <source>ch5x5_kernel</source>
        <translation>5×5 分岐のカーネルサイズ</translation>
    </message>
    <message>
        <source>layer_scale</source>
        <translation>レイヤースケール</translation>
    </message>
    <message>
        <source>stochastic_depth_prob</source>
        <translation>Stochastic Depth の確率</translation>
    </message>
    <message>
        <source>out_features</source>
        <translation>出力の数</translation>
    </message>
    <message>
        <source>p</source>
        <translation>確率 p</translation>
    </message>
    <message>
        <source>outputs</source>
        <translation>出力数</translation>
    </message>
    <message>
        <source>sizes</source>
        <translation>分割サイズ</translation>
    </message>
    <message>
        <source>num_classes</source>
        <translation>クラス数</translation>
    </message>
    <message>
        <source>max_detections</source>
        <translation>最大検出数</translation>
    </message>
    <message>
        <source>score_threshold</source>
        <translation>スコアのしきい値</translation>
    </message>
    <message>
        <source>loss_weight</source>
        <translation>損失の重み</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>label_smoothing</source>
        <translation>ラベル平滑化</translation>
    </message>
    <message>
        <source>auxiliary</source>
        <translation>補助出力層</translation>
    </message>
    <message>
        <source>by</source>
        <translation>指定方法</translation>
    </message>
    <message>
        <source>size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>align_corners</source>
        <translation>四隅を揃える（align_corners）</translation>
    </message>
    <message>
        <source>expand_ratio</source>
        <translation>拡張率</translation>
    </message>
    <message>
        <source>num_inputs</source>
        <translation>入力の数</translation>
    </message>
    <message>
        <source>min_val</source>
        <translation>最小値</translation>
    </message>
    <message>
        <source>max_val</source>
        <translation>最大値</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>負側の飽和値 alpha</translation>
    </message>
    <message>
        <source>per_channel</source>
        <translation>チャンネルごと</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>モメンタム</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>upscale_factor</source>
        <translation>拡大率</translation>
    </message>
    <message>
        <source>downscale_factor</source>
        <translation>縮小率</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>planes</source>
        <translation>planes（内部のチャンネル数）</translation>
    </message>
    <message>
        <source>width_per_group</source>
        <translation>グループあたりのチャンネル数</translation>
    </message>
    <message>
        <source>squeeze_channels</source>
        <translation>squeeze のチャンネル数</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>scale_activation</source>
        <translation>ゲートの活性化関数</translation>
    </message>
    <message>
        <source>expanded_channels</source>
        <translation>拡張後のチャンネル数</translation>
    </message>
    <message>
        <source>squeeze_excitation</source>
        <translation>SE（スクイーズ・励起）</translation>
    </message>
    <message>
        <source>growth_rate</source>
        <translation>成長率</translation>
    </message>
    <message>
        <source>bn_size</source>
        <translation>ボトルネック倍率（bn_size）</translation>
    </message>
    <message>
        <source>num_layers</source>
        <translation>層の数</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>ドロップアウト率</translation>
    </message>
    <message>
        <source>dims</source>
        <translation>次元の順序</translation>
    </message>
    <message>
        <source>mlp_ratio</source>
        <translation>MLP 倍率</translation>
    </message>
    <message>
        <source>conv_mlp</source>
        <translation>畳み込み MLP</translation>
    </message>
    <message>
        <source>ls_init_value</source>
        <translation>レイヤースケール初期値</translation>
    </message>
</context>
<context>
    <name>BlockParams</name>
    <message>
        <source>slope for negative inputs</source>
        <translation>負の入力に対する傾き</translation>
    </message>
    <message>
        <source>output = floor(input · scale)</source>
        <translation>出力 = floor(入力 · scale)</translation>
    </message>
    <message>
        <source>interpolation</source>
        <translation>補間の方法</translation>
    </message>
    <message>
        <source>output height and width</source>
        <translation>出力の高さと幅</translation>
    </message>
    <message>
        <source>applied after the normalisation (identity: none)</source>
        <translation>正規化の後に適用する活性化関数（identity: なし）</translation>
    </message>
    <message>
        <source>added to the variance for stability</source>
        <translation>数値を安定させるために分散に加える値</translation>
    </message>
    <message>
        <source>learn a scale and shift per channel</source>
        <translation>チャンネルごとにスケールとシフトを学習する</translation>
    </message>
    <message>
        <source>dropout probability between the norm and the activation (0: none)</source>
        <translation>正規化と活性化関数の間のドロップアウトの確率（0: なし）</translation>
    </message>
    <message>
        <source>number of channel groups (must divide the channels)</source>
        <translation>チャンネルのグループ数（チャンネル数を割り切る必要があります）</translation>
    </message>
    <message>
        <source>zeros added around the input</source>
        <translation>入力の周囲に加えるゼロ（ゼロパディング）</translation>
    </message>
    <message>
        <source>batch-norm epsilon</source>
        <translation>バッチ正規化の epsilon</translation>
    </message>
    <message>
        <source>1×1 branch width</source>
        <translation>1×1 分岐のチャンネル数</translation>
    </message>
    <message>
        <source>1×1 reduction before the 3×3</source>
        <translation>3×3 の前で 1×1 畳み込みにより減らすチャンネル数</translation>
    </message>
    <message>
        <source>3×3 branch width</source>
        <translation>3×3 分岐のチャンネル数</translation>
    </message>
    <message>
        <source>1×1 reduction before the 5×5</source>
        <translation>5×5 の前で 1×1 畳み込みにより減らすチャンネル数</translation>
    </message>
    <message>
        <source>5×5 branch width</source>
        <translation>5×5 分岐のチャンネル数</translation>
    </message>
    <message>
        <source>1×1 projection after the 3×3 max pool</source>
        <translation>3×3 の最大プーリングの後の 1×1 射影のチャンネル数</translation>
    </message>
    <message>
        <source>kernel of the &apos;5×5&apos; branch: torchvision uses 3 (its weights need it), the paper 5</source>
        <translation>&apos;5×5&apos; 分岐のカーネルサイズ: torchvision は 3（その重みに必要）、論文は 5 です</translation>
    </message>
    <message>
        <source>number of filters (output channels)</source>
        <translation>フィルタの数（出力チャンネル数）</translation>
    </message>
    <message>
        <source>window size k (or [kh, kw])</source>
        <translation>カーネルサイズ k（または [kh, kw]）</translation>
    </message>
    <message>
        <source>step s between windows</source>
        <translation>窓を動かす幅（ストライド）s</translation>
    </message>
    <message>
        <source>spacing d between kernel taps (d(k−1)+1 is the span)</source>
        <translation>カーネルの要素の間隔 d（広がりは d(k−1)+1）</translation>
    </message>
    <message>
        <source>split channels into groups (in and out must divide)</source>
        <translation>チャンネルをグループに分ける（入力と出力のチャンネル数を割り切る必要があります）</translation>
    </message>
    <message>
        <source>add a learnable bias per output channel</source>
        <translation>出力チャンネルごとに学習可能なバイアスを加える</translation>
    </message>
    <message>
        <source>zeros added around the input: p, [ph, pw], &apos;same&apos; or &apos;valid&apos;</source>
        <translation>入力の周囲に加えるゼロ（ゼロパディング）: p、[ph, pw]、&apos;same&apos; または &apos;valid&apos;</translation>
    </message>
    <message>
        <source>weight initialisation</source>
        <translation>重みの初期化</translation>
    </message>
    <message>
        <source>removes p rows/columns from each border of the output</source>
        <translation>出力の各辺から p 行/列を取り除く</translation>
    </message>
    <message>
        <source>extra rows/columns on one side (must be &lt; stride or dilation)</source>
        <translation>片側に追加する行/列（ストライドまたは dilation より小さい必要があります）</translation>
    </message>
    <message>
        <source>initial value of the per-channel scale of the branch</source>
        <translation>分岐のチャンネルごとのスケールの初期値</translation>
    </message>
    <message>
        <source>probability of skipping the branch while training</source>
        <translation>学習中に分岐を飛ばす確率</translation>
    </message>
    <message>
        <source>layer-norm epsilon</source>
        <translation>レイヤー正規化の epsilon</translation>
    </message>
    <message>
        <source>number of outputs (the class count for the last layer)</source>
        <translation>出力の数（最後の層ではクラス数）</translation>
    </message>
    <message>
        <source>add a learnable bias per output</source>
        <translation>出力ごとに学習可能なバイアスを加える</translation>
    </message>
    <message>
        <source>probability of dropping each value</source>
        <translation>各値を落とす確率</translation>
    </message>
    <message>
        <source>object classes (one heat map each)</source>
        <translation>物体のクラス数（クラスごとにヒートマップ1枚）</translation>
    </message>
    <message>
        <source>boxes returned per image (the top-k peaks)</source>
        <translation>画像ごとに返すバウンディングボックスの数（上位 k 個のピーク）</translation>
    </message>
    <message>
        <source>peaks scoring below this give an empty row</source>
        <translation>スコアがこの値より低いピークは空の行になります</translation>
    </message>
    <message>
        <source>weight of this head&apos;s loss in the total</source>
        <translation>全体の損失に占めるこの出力層の損失の重み</translation>
    </message>
    <message>
        <source>latent size: Z×1×1 for convolutions, or a flat length Z</source>
        <translation>潜在ベクトルのサイズ: 畳み込み向けには Z×1×1、または平坦な長さ Z</translation>
    </message>
    <message>
        <source>probability of dropping each channel</source>
        <translation>各チャンネルを落とす確率</translation>
    </message>
    <message>
        <source>give the output size, or a scale factor</source>
        <translation>出力サイズで指定するか、倍率で指定するか</translation>
    </message>
    <message>
        <source>output height and width (by size)</source>
        <translation>出力の高さと幅（by が size のとき）</translation>
    </message>
    <message>
        <source>output = floor(input · scale) (by scale)</source>
        <translation>出力 = floor(入力 · scale)（by が scale のとき）</translation>
    </message>
    <message>
        <source>bilinear/bicubic: corner pixels of input and output coincide</source>
        <translation>bilinear/bicubic: 入力と出力の四隅のピクセルを一致させる</translation>
    </message>
    <message>
        <source>channels out (the narrow ends)</source>
        <translation>出力チャンネル数（狭い両端の幅）</translation>
    </message>
    <message>
        <source>stride of the depthwise 3×3 (2 halves the map)</source>
        <translation>デプスワイズ 3×3 のストライド（2 でマップが半分になります）</translation>
    </message>
    <message>
        <source>how many times wider the inside is (1: no expansion layer)</source>
        <translation>内部を何倍に広げるか（1: 拡張層なし）</translation>
    </message>
    <message>
        <source>channels, height, width (or a vector length)</source>
        <translation>チャンネル、高さ、幅（またはベクトルの長さ）</translation>
    </message>
    <message>
        <source>spread this much target mass over other classes</source>
        <translation>正解の確率のうちこの割合を他のクラスに分配する（ラベル平滑化）</translation>
    </message>
    <message>
        <source>an auxiliary head (GoogLeNet): used in training, ignored at evaluation</source>
        <translation>補助出力層（GoogLeNet）: 学習で使い、評価では無視します</translation>
    </message>
    <message>
        <source>number of branches to merge</source>
        <translation>合流させる分岐の数</translation>
    </message>
    <message>
        <source>lower bound of the output</source>
        <translation>出力の下限</translation>
    </message>
    <message>
        <source>upper bound of the output (greater than min_val)</source>
        <translation>出力の上限（min_val より大きい値）</translation>
    </message>
    <message>
        <source>the value the output approaches for very negative x (as −alpha)</source>
        <translation>x が大きく負のときに出力が近づく値（−alpha として）</translation>
    </message>
    <message>
        <source>learn one slope per channel instead of one for the layer</source>
        <translation>層全体で1つではなく、チャンネルごとに傾きを学習する</translation>
    </message>
    <message>
        <source>initial slope for negative inputs</source>
        <translation>負の入力に対する傾きの初期値</translation>
    </message>
    <message>
        <source>running-statistics update rate</source>
        <translation>移動統計量の更新率</translation>
    </message>
    <message>
        <source>columns/rows added on the left</source>
        <translation>左に加える列数</translation>
    </message>
    <message>
        <source>columns/rows added on the right</source>
        <translation>右に加える列数</translation>
    </message>
    <message>
        <source>columns/rows added on the top</source>
        <translation>上に加える行数</translation>
    </message>
    <message>
        <source>columns/rows added on the bottom</source>
        <translation>下に加える行数</translation>
    </message>
    <message>
        <source>what the new border holds</source>
        <translation>新しい縁に入れる値</translation>
    </message>
    <message>
        <source>r: each side grows r times, channels shrink r² times</source>
        <translation>r: 各辺が r 倍になり、チャンネル数が r² 分の1になります</translation>
    </message>
    <message>
        <source>r: each side shrinks r times, channels grow r² times</source>
        <translation>r: 各辺が r 分の1になり、チャンネル数が r² 倍になります</translation>
    </message>
    <message>
        <source>implicit padding on each side (at most half the kernel)</source>
        <translation>各辺に暗黙に加えるパディング（カーネルサイズの半分まで）</translation>
    </message>
    <message>
        <source>spacing between window taps</source>
        <translation>窓の要素の間隔</translation>
    </message>
    <message>
        <source>round the output size up instead of down</source>
        <translation>出力サイズを切り捨てではなく切り上げにする</translation>
    </message>
    <message>
        <source>count padded zeros in the average</source>
        <translation>パディングのゼロも平均に含める</translation>
    </message>
    <message>
        <source>basic (ResNet-18/34) or bottleneck (ResNet-50+)</source>
        <translation>basic（ResNet-18/34）または bottleneck（ResNet-50 以上）</translation>
    </message>
    <message>
        <source>width of the inner convolutions (output is ×4 for bottleneck)</source>
        <translation>内部の畳み込みのチャンネル数（bottleneck では出力はその4倍）</translation>
    </message>
    <message>
        <source>stride of the 3×3 convolution (2 halves the map)</source>
        <translation>3×3 畳み込みのストライド（2 でマップが半分になります）</translation>
    </message>
    <message>
        <source>bottleneck: groups of the 3×3 convolution (ResNeXt&apos;s cardinality)</source>
        <translation>bottleneck: 3×3 畳み込みのグループ数（ResNeXt の cardinality）</translation>
    </message>
    <message>
        <source>bottleneck: 3×3 width per group for 64 planes (ResNeXt 4, Wide ResNet 128)</source>
        <translation>bottleneck: planes 64 あたりの 3×3 のグループごとのチャンネル数（ResNeXt は 4、Wide ResNet は 128）</translation>
    </message>
    <message>
        <source>channels out (even: two halves)</source>
        <translation>出力チャンネル数（2つに分けるので偶数）</translation>
    </message>
    <message>
        <source>1 keeps the map (and the width), 2 halves the map</source>
        <translation>1 はマップ（とチャンネル数）を保ち、2 はマップを半分にします</translation>
    </message>
    <message>
        <source>width of the bottleneck between the two 1×1 layers</source>
        <translation>2つの 1×1 層の間のボトルネックのチャンネル数</translation>
    </message>
    <message>
        <source>after the first 1×1 layer</source>
        <translation>最初の 1×1 層の後の活性化関数</translation>
    </message>
    <message>
        <source>the gate: sigmoid (EfficientNet) or its cheap piecewise-linear hard-sigmoid (MobileNetV3)</source>
        <translation>ゲート: sigmoid（EfficientNet）または計算の軽い区分線形の hard-sigmoid（MobileNetV3）</translation>
    </message>
    <message>
        <source>probability of dropping the branch</source>
        <translation>分岐を落とす確率</translation>
    </message>
    <message>
        <source>row: per sample; batch: the whole batch at once</source>
        <translation>row: サンプルごと、batch: バッチ全体をまとめて</translation>
    </message>
    <message>
        <source>number of pieces (output ports out0, out1, …)</source>
        <translation>分割数（出力ポート out0、out1、…）</translation>
    </message>
    <message>
        <source>channels of each piece; empty: equal pieces as torch.chunk</source>
        <translation>各部分のチャンネル数。空なら torch.chunk と同じく均等に分割します</translation>
    </message>
    <message>
        <source>channels each dense layer adds (k in the paper)</source>
        <translation>各 dense 層が追加するチャンネル数（論文の k）</translation>
    </message>
    <message>
        <source>width of the 1×1 bottleneck, in multiples of the growth rate</source>
        <translation>1×1 ボトルネックのチャンネル数（成長率の何倍か）</translation>
    </message>
    <message>
        <source>dense layers in the block (6, 12, 24, 16 in DenseNet-121)</source>
        <translation>ブロック内の dense 層の数（DenseNet-121 では 6、12、24、16）</translation>
    </message>
    <message>
        <source>channels out (DenseNet: half the input&apos;s)</source>
        <translation>出力チャンネル数（DenseNet では入力の半分）</translation>
    </message>
    <message>
        <source>channels out (filters of the 1×1 pointwise convolution)</source>
        <translation>出力チャンネル数（1×1 ポイントワイズ畳み込みのフィルタ数）</translation>
    </message>
    <message>
        <source>window of the depthwise convolution (padded to keep the size)</source>
        <translation>デプスワイズ畳み込みの窓の大きさ（サイズを保つようにパディングします）</translation>
    </message>
    <message>
        <source>stride of the depthwise convolution (2 halves the map)</source>
        <translation>デプスワイズ畳み込みのストライド（2 でマップが半分になります）</translation>
    </message>
    <message>
        <source>after each batch norm: ReLU (the paper) or ReLU6 (Keras)</source>
        <translation>各バッチ正規化の後の活性化関数: ReLU（論文）または ReLU6（Keras）</translation>
    </message>
    <message>
        <source>channels out</source>
        <translation>出力チャンネル数</translation>
    </message>
    <message>
        <source>how many times wider the inside is (rounded to a multiple of 8)</source>
        <translation>内部のチャンネル数を何倍に広げるか（8 の倍数に丸めます）</translation>
    </message>
    <message>
        <source>window of the k×k convolution (padded to keep the size)</source>
        <translation>k×k 畳み込みの窓（サイズを保つようにパディング）</translation>
    </message>
    <message>
        <source>window of the depthwise convolution (3 or 5 in EfficientNet)</source>
        <translation>デプスワイズ畳み込みの窓の大きさ（EfficientNet では 3 または 5）</translation>
    </message>
    <message>
        <source>probability of skipping the branch while training (shortcut blocks)</source>
        <translation>学習中に分岐をスキップする確率（ショートカット接続のあるブロック）</translation>
    </message>
    <message>
        <source>batch-norm momentum</source>
        <translation>バッチ正規化のモメンタム</translation>
    </message>
    <message>
        <source>width inside the block (equal to the input&apos;s: no 1×1 expansion)</source>
        <translation>ブロック内部のチャンネル数（入力と同じなら 1×1 の拡張なし）</translation>
    </message>
    <message>
        <source>window of the depthwise convolution (3 or 5 in MobileNetV3)</source>
        <translation>デプスワイズ畳み込みの窓の大きさ（MobileNetV3 では 3 または 5）</translation>
    </message>
    <message>
        <source>gate the channels with squeeze-and-excitation (hard-sigmoid)</source>
        <translation>squeeze-and-excitation（hard-sigmoid）でチャンネルにゲートをかける</translation>
    </message>
    <message>
        <source>after the expansion and the depthwise convolution</source>
        <translation>拡張とデプスワイズ畳み込みの後の活性化関数</translation>
    </message>
    <message>
        <source>the sizes of each sample after the reshape (−1: what is left)</source>
        <translation>形状変更後の各サンプルのサイズ（−1: 残りすべて）</translation>
    </message>
    <message>
        <source>the input&apos;s dims in their new order, counted from 0 after the batch</source>
        <translation>入力の次元を新しい順に並べたもの（バッチの次の次元を 0 と数えます）</translation>
    </message>
    <message>
        <source>side of the depthwise kernel</source>
        <translation>デプスワイズ畳み込みのカーネルの一辺</translation>
    </message>
    <message>
        <source>MLP width ÷ channels</source>
        <translation>MLP の幅 ÷ チャネル数</translation>
    </message>
    <message>
        <source>MLP of 1×1 convolutions, not Linear</source>
        <translation>Linear ではなく 1×1 畳み込みで作る MLP</translation>
    </message>
</context>
<context>
    <name>BlockSubtitles</name>
    <message>
        <source>{count} groups</source>
        <translation>{count} グループ</translation>
    </message>
    <message>
        <source>{classes} classes · top {top}</source>
        <translation>{classes} クラス · 上位 {top}</translation>
    </message>
    <message>
        <source>noise {shape}</source>
        <translation>ノイズ {shape}</translation>
    </message>
    <message>
        <source>generated image</source>
        <translation>生成画像</translation>
    </message>
    <message>
        <source>real / fake logit</source>
        <translation>本物/偽物のロジット</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交差エントロピー</translation>
    </message>
    <message>
        <source> · aux ×{weight}</source>
        <translation> · 補助 ×{weight}</translation>
    </message>
    <message>
        <source>MSE vs input</source>
        <translation>入力との MSE</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>チャンネル方向</translation>
    </message>
    <message>
        <source> · split</source>
        <translation> · 分割</translation>
    </message>
    <message>
        <source>{count} equal</source>
        <translation>{count} 等分</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>凍結</translation>
    </message>
</context>
<context>
    <name>Blocks</name>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>max(0, x): keeps positive responses.</source>
        <translation>max(0, x): 正の応答だけを残します。</translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation>LeakyReLU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, slope·x otherwise: no dead units.</source>
        <translation>x &gt; 0 では x、それ以外では slope·x: 出力が常に0になるユニット（死んだニューロン）が生じません。</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>x·Φ(x): the smooth ReLU of transformers.</source>
        <translation>x·Φ(x): Transformer で使われる滑らかな ReLU です。</translation>
    </message>
    <message>
        <source>SiLU</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>x·sigmoid(x) (swish).</source>
        <translation>x·sigmoid(x)（swish）です。</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>1 / (1 + e^−x): squashes to (0, 1).</source>
        <translation>1 / (1 + e^−x): 値を (0, 1) に押し込めます。</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>squashes to (−1, 1).</source>
        <translation>値を (−1, 1) に押し込めます。</translation>
    </message>
    <message>
        <source>Upsample</source>
        <translation>Upsample</translation>
    </message>
    <message>
        <source>Enlarges the map by a scale factor (nearest or bilinear), no learned weights.</source>
        <translation>特徴マップを倍率で拡大します（最近傍または双線形補間）。学習する重みはありません。</translation>
    </message>
    <message>
        <source>AdaptiveMaxPool2d</source>
        <translation>AdaptiveMaxPool2d</translation>
    </message>
    <message>
        <source>Takes the maximum of each region of a fixed output grid (1 = global max pooling): the strongest response per channel, whatever the input size.</source>
        <translation>固定の出力グリッドの各領域で最大値を取ります（1 = 大域最大プーリング）。入力サイズによらず、チャンネルごとに最も強い応答が得られます。</translation>
    </message>
    <message>
        <source>GroupNorm</source>
        <translation>GroupNorm</translation>
    </message>
    <message>
        <source>Normalises each group of channels of each image over the group and space, then scales and shifts: batch norm&apos;s statistics without the batch (small batches, detection, GANs).</source>
        <translation>画像ごとにチャンネルのグループを、グループ内と空間方向で正規化し、スケールとシフトをかけます。バッチを使わないバッチ正規化の統計です（小さいバッチ、物体検出、GAN 向け）。</translation>
    </message>
    <message>
        <source>LayerNorm2d</source>
        <translation>LayerNorm2d</translation>
    </message>
    <message>
        <source>Normalises the C channels of each pixel (mean 0, variance 1), then scales and shifts: ConvNeXt&apos;s LayerNorm on a feature map, independent of batch and image size.</source>
        <translation>各ピクセルの C 個のチャンネルを正規化し（平均0、分散1）、スケールとシフトをかけます。特徴マップに対する ConvNeXt の LayerNorm で、バッチや画像サイズに依存しません。</translation>
    </message>
    <message>
        <source>ChannelShuffle</source>
        <translation>ChannelShuffle</translation>
    </message>
    <message>
        <source>Splits the channels into g groups and interleaves them (C = g·k: channel i·k + j moves to j·g + i), so the next grouped convolution mixes information across groups at no cost (ShuffleNet).</source>
        <translation>チャンネルを g 個のグループに分けて互い違いに並べ替えます（C = g·k: チャンネル i·k + j は j·g + i に移ります）。次のグループ畳み込みがコストなしでグループ間の情報を混ぜられます（ShuffleNet）。</translation>
    </message>
    <message>
        <source>Conv-BN-ReLU</source>
        <translation>Conv-BN-ReLU</translation>
    </message>
    <message>
        <source>Convolution without bias, batch norm, ReLU (torchvision&apos;s BasicConv2d in GoogLeNet).</source>
        <translation>バイアスなしの畳み込み、バッチ正規化、ReLU の組です（GoogLeNet における torchvision の BasicConv2d）。</translation>
    </message>
    <message>
        <source>Inception</source>
        <translation>インセプションモジュール</translation>
    </message>
    <message>
        <source>GoogLeNet&apos;s module: 1×1, 1×1→3×3, 1×1→5×5 and pool→1×1 branches side by side, concatenated. The 1×1 convolutions shrink channels before the costly filters.</source>
        <translation>GoogLeNet のインセプションモジュールです。1×1、1×1→3×3、1×1→5×5、プーリング→1×1 の各分岐を並べ、チャンネル方向に連結します。1×1畳み込みが、計算量の多いフィルタの前にチャンネル数を減らします。</translation>
    </message>
    <message>
        <source>Conv2d</source>
        <translation>Conv2d</translation>
    </message>
    <message>
        <source>Slides k×k filters over the input; each output is the sum of element-wise products.</source>
        <translation>k×k のフィルタを入力の上でスライドさせる畳み込み層です。各出力は要素積の和です。</translation>
    </message>
    <message>
        <source>ConvTranspose2d</source>
        <translation>ConvTranspose2d</translation>
    </message>
    <message>
        <source>Transposed convolution: spreads each input over a k×k window, enlarging the feature map.</source>
        <translation>転置畳み込みです。各入力を k×k の窓に広げ、特徴マップを拡大します。</translation>
    </message>
    <message>
        <source>ConvNeXt block</source>
        <translation>ConvNeXt ブロック</translation>
    </message>
    <message>
        <source>ConvNeXt&apos;s residual block: a 7×7 depthwise convolution (large receptive field, few weights), LayerNorm over channels, a 4× wider two-layer MLP with GELU per pixel, a learned per-channel scale, then + input. Same width in and out.</source>
        <translation>ConvNeXt の残差ブロックです。7×7 のデプスワイズ畳み込み（広い受容野、少ない重み）、チャンネル方向の LayerNorm、ピクセルごとの GELU 付き4倍幅の2層 MLP、学習されるチャンネルごとのスケールの後に入力を足します。入力と出力のチャンネル数は同じです。</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>Flatten</translation>
    </message>
    <message>
        <source>C×H×W → C·H·W: turns feature maps into a vector for dense layers.</source>
        <translation>C×H×W → C·H·W: 特徴マップを全結合層向けのベクトルに平坦化します。</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>Fully connected: every output sees every input; weight is out × in.</source>
        <translation>全結合層です。すべての出力がすべての入力を見ます。重みの形状は out × in です。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Zeroes a random fraction p of values while training; reduces overfitting.</source>
        <translation>学習中、ランダムに選んだ割合 p の値を0にします。過学習を抑えます。</translation>
    </message>
    <message>
        <source>Detection</source>
        <translation>物体検出</translation>
    </message>
    <message>
        <source>Finds objects, CenterNet-style: a feature map with num_classes + 4 channels per grid cell. Channels 0…C−1: one heat map per class (a logit; a peak marks an object&apos;s centre). Channels C, C+1: box width and height (log of the size in grid cells). Channels C+2, C+3: where the centre lies inside its cell (0…1, x then y). Trained with focal loss on the heat maps, GIoU on the boxes and L1 on the offsets; at evaluation the model returns max_detections rows (x1, y1, x2, y2 as fractions of the image, score, class) taken from the heat-map peaks (3×3 max-pool) above the score threshold.</source>
        <translation>CenterNet 方式で物体を検出します。入力はグリッドのセルごとに num_classes + 4 チャンネルを持つ特徴マップです。チャンネル 0…C−1: クラスごとのヒートマップ（ロジット。ピークが物体の中心を示します）。チャンネル C, C+1: バウンディングボックスの幅と高さ（グリッドのセル単位のサイズの対数）。チャンネル C+2, C+3: セル内での中心の位置（0…1、x、y の順）。ヒートマップは focal loss、バウンディングボックスは GIoU、オフセットは L1 で学習します。評価時には、スコアのしきい値を超えるヒートマップのピーク（3×3 の最大プーリング）から max_detections 行（x1, y1, x2, y2 を画像に対する割合で、スコア、クラス）を返します。</translation>
    </message>
    <message>
        <source>Multiply</source>
        <translation>Multiply</translation>
    </message>
    <message>
        <source>Element-wise product of two branches; size-1 axes broadcast, so a C×1×1 gate scales each channel of a C×H×W map (squeeze-and-excitation).</source>
        <translation>2つの分岐の要素積です。サイズ1の軸はブロードキャストされるので、C×1×1 のゲートで C×H×W のマップの各チャンネルをスケールできます（squeeze-and-excitation）。</translation>
    </message>
    <message>
        <source>Subtract</source>
        <translation>Subtract</translation>
    </message>
    <message>
        <source>Element-wise difference in0 − in1; size-1 axes broadcast.</source>
        <translation>要素ごとの差 in0 − in1 です。サイズ1の軸はブロードキャストされます。</translation>
    </message>
    <message>
        <source>Latent input</source>
        <translation>潜在入力</translation>
    </message>
    <message>
        <source>A generator&apos;s input: a latent vector sampled from a standard normal for every image, not read from the data (100×1×1 feeds transposed convolutions, a flat 100 feeds a Linear layer).</source>
        <translation>生成器の入力です。データからは読まず、画像ごとに標準正規分布から潜在ベクトルをサンプリングします（100×1×1 なら転置畳み込みへ、平坦な 100 なら Linear 層へ渡します）。</translation>
    </message>
    <message>
        <source>Generated image</source>
        <translation>生成画像</translation>
    </message>
    <message>
        <source>Marks a generator&apos;s image (C×H×W). It has no target of its own: a GAN trains it against a discriminator, whose input must have this shape.</source>
        <translation>生成器が作る画像（C×H×W）を示します。それ自体の正解はなく、GAN では識別器と競わせて学習します。識別器の入力はこの形状でなければなりません。</translation>
    </message>
    <message>
        <source>Real/fake</source>
        <translation>本物/偽物</translation>
    </message>
    <message>
        <source>A discriminator&apos;s head: one logit per image, high for real images and low for generated ones (trained with a GAN loss against a generator).</source>
        <translation>識別器の出力層です。画像ごとに1つのロジットを出し、本物の画像では高く、生成画像では低くなります（生成器と組んで GAN の損失で学習します）。</translation>
    </message>
    <message>
        <source>Sample Gaussian</source>
        <translation>ガウスサンプリング</translation>
    </message>
    <message>
        <source>A VAE&apos;s reparameterisation: z = mu + exp(logvar / 2) · ε with ε ~ N(0, 1) while training, z = mu in evaluation. Its inputs mu and logvar (equal shapes) are what the VAE&apos;s KL loss reads.</source>
        <translation>VAE の再パラメータ化です。学習中は ε ~ N(0, 1) として z = mu + exp(logvar / 2) · ε、評価時は z = mu です。入力 mu と logvar（同じ形状）は VAE の KL 損失が読む値です。</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Passes its input through unchanged: a placeholder where a layer may go later.</source>
        <translation>入力をそのまま通します。後で層を置くかもしれない場所の仮置きです。</translation>
    </message>
    <message>
        <source>Dropout2d</source>
        <translation>Dropout2d</translation>
    </message>
    <message>
        <source>Zeroes whole channels with probability p while training: neighbouring pixels are correlated, so dropping single values of a feature map regularises little.</source>
        <translation>学習中、確率 p でチャンネル全体を0にします。隣り合うピクセルは相関しているため、特徴マップの値を1つずつ落としても正則化の効果はほとんどありません。</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>Interpolate</translation>
    </message>
    <message>
        <source>Resizes the map to a fixed size (a decoder matching its skip connection) or by a scale factor; bilinear/bicubic blend neighbours, align_corners keeps the corner pixels in place.</source>
        <translation>特徴マップを固定サイズ（スキップ接続に合わせるデコーダなど）または倍率でリサイズします。bilinear/bicubic は近傍を混ぜ合わせ、align_corners は四隅のピクセルの位置を保ちます。</translation>
    </message>
    <message>
        <source>Inverted residual</source>
        <translation>逆残差ブロック</translation>
    </message>
    <message>
        <source>MobileNetV2&apos;s block: a 1×1 convolution widens the channels (× expand ratio), a 3×3 depthwise convolution filters each channel on its own, a linear 1×1 convolution narrows again (no ReLU: it would lose information in few channels), + input when the shape is kept. Few weights and MACs.</source>
        <translation>MobileNetV2 のブロックです。1×1畳み込みでチャンネルを広げ（× 拡張率）、3×3 のデプスワイズ畳み込みで各チャンネルを個別にフィルタし、線形の1×1畳み込みで再び狭めます（少ないチャンネルで情報を失うため ReLU は使いません）。形状が変わらないときは入力を足します。重みも積和演算数（MACs）も少なく済みます。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>The image (C×H×W) or vector fed to the network; the batch dimension is implicit.</source>
        <translation>ネットワークに入力する画像（C×H×W）またはベクトルです。バッチの次元は暗黙に付きます。</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Class scores (logits) trained with cross-entropy; auxiliary heads add their weighted loss.</source>
        <translation>交差エントロピーで学習するクラスのスコア（ロジット）を出す出力層です。補助出力層は重み付きの補助損失を加えます。</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>再構成</translation>
    </message>
    <message>
        <source>An image trained with mean squared error against the input image (autoencoders, decoders).</source>
        <translation>入力画像との平均二乗誤差で学習する画像を出す出力層です（オートエンコーダ、デコーダ）。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Element-wise sum of equal shapes: the residual shortcut F(x) + x.</source>
        <translation>同じ形状の要素ごとの和です。残差モジュールのショートカット接続 F(x) + x に使います。</translation>
    </message>
    <message>
        <source>Concat</source>
        <translation>Concat</translation>
    </message>
    <message>
        <source>Stacks branches along the channel axis; heights and widths must match.</source>
        <translation>分岐をチャンネル方向に連結します。高さと幅は一致していなければなりません。</translation>
    </message>
    <message>
        <source>ReLU6</source>
        <translation>ReLU6</translation>
    </message>
    <message>
        <source>min(max(0, x), 6): ReLU clipped at 6, robust in low precision (MobileNetV2).</source>
        <translation>min(max(0, x), 6): 6 で頭打ちにした ReLU で、低精度の計算でも安定します（MobileNetV2）。</translation>
    </message>
    <message>
        <source>Hardtanh</source>
        <translation>Hardtanh</translation>
    </message>
    <message>
        <source>Clamps x to [min_val, max_val]: a piecewise-linear tanh.</source>
        <translation>x を [min_val, max_val] に制限します。区分線形の tanh です。</translation>
    </message>
    <message>
        <source>Hardswish</source>
        <translation>Hardswish</translation>
    </message>
    <message>
        <source>x·ReLU6(x + 3)/6: a cheap swish for mobile networks (MobileNetV3).</source>
        <translation>x·ReLU6(x + 3)/6: モバイル向けネットワークのための計算の軽い swish です（MobileNetV3）。</translation>
    </message>
    <message>
        <source>Hardsigmoid</source>
        <translation>Hardsigmoid</translation>
    </message>
    <message>
        <source>ReLU6(x + 3)/6: a cheap sigmoid, the gate of MobileNetV3&apos;s squeeze-and-excitation.</source>
        <translation>ReLU6(x + 3)/6: 計算の軽い sigmoid で、MobileNetV3 の squeeze-and-excitation のゲートです。</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, alpha·(e^x − 1) otherwise: negative outputs push mean activations towards zero.</source>
        <translation>x &gt; 0 では x、それ以外では alpha·(e^x − 1): 負の出力により活性値の平均が0に近づきます。</translation>
    </message>
    <message>
        <source>Mish</source>
        <translation>Mish</translation>
    </message>
    <message>
        <source>x·tanh(softplus(x)): a smooth, non-monotonic ReLU (YOLOv4).</source>
        <translation>x·tanh(softplus(x)): 滑らかで単調でない ReLU です（YOLOv4）。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>e^x / Σ e^x over the channels (dim 1): class scores → probabilities that sum to 1.</source>
        <translation>チャンネル方向（dim 1）の e^x / Σ e^x: クラスのスコアを合計1の確率に変えます。</translation>
    </message>
    <message>
        <source>LogSoftmax</source>
        <translation>LogSoftmax</translation>
    </message>
    <message>
        <source>log(softmax(x)) over the channels (dim 1): log-probabilities for NLLLoss (the classic MNIST example).</source>
        <translation>チャンネル方向（dim 1）の log(softmax(x)): NLLLoss 用の対数確率です（MNIST の古典的な例）。</translation>
    </message>
    <message>
        <source>PReLU</source>
        <translation>PReLU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, a·x otherwise with a learned slope a (one, or one per channel).</source>
        <translation>x &gt; 0 では x、それ以外では学習される傾き a を使って a·x です（a は1つ、またはチャンネルごとに1つ）。</translation>
    </message>
    <message>
        <source>BatchNorm2d</source>
        <translation>BatchNorm2d</translation>
    </message>
    <message>
        <source>Normalises each channel over the batch and space, then scales and shifts.</source>
        <translation>各チャンネルをバッチと空間方向で正規化し（バッチ正規化）、スケールとシフトをかけます。</translation>
    </message>
    <message>
        <source>BatchNorm1d</source>
        <translation>BatchNorm1d</translation>
    </message>
    <message>
        <source>Normalises each feature over the batch, then scales and shifts.</source>
        <translation>各特徴をバッチ方向で正規化し（バッチ正規化）、スケールとシフトをかけます。</translation>
    </message>
    <message>
        <source>Pad</source>
        <translation>Pad</translation>
    </message>
    <message>
        <source>Adds rows and columns around the map, per side: zeros, a mirror image (reflect: no artificial edge), the repeated border (replicate) or the opposite side (circular). U-Net pads to match its skips.</source>
        <translation>特徴マップの周囲に辺ごとに行と列を加えるパディングです。ゼロ、鏡像（reflect: 人工的な縁ができません）、端の値の繰り返し（replicate）、反対側の値（circular）から選べます。U-Net はスキップ接続に合わせてパディングします。</translation>
    </message>
    <message>
        <source>PixelShuffle</source>
        <translation>PixelShuffle</translation>
    </message>
    <message>
        <source>Rearranges C·r² channels into an r× larger map with C channels (depth-to-space): upsampling learned by the convolution before it, without the checkerboard of transposed convolutions.</source>
        <translation>C·r² 個のチャンネルを、C チャンネルで r 倍大きなマップに並べ替えます（depth-to-space）。直前の畳み込みが学習するアップサンプリングで、転置畳み込みのような市松模様が出ません。</translation>
    </message>
    <message>
        <source>PixelUnshuffle</source>
        <translation>PixelUnshuffle</translation>
    </message>
    <message>
        <source>Folds each r×r patch into channels (space-to-depth): an r× smaller map with C·r² channels, downsampling without losing any value.</source>
        <translation>各 r×r のパッチをチャンネルに折りたたみます（space-to-depth）。C·r² チャンネルで r 分の1の大きさのマップになり、値を1つも失わずにダウンサンプリングします。</translation>
    </message>
    <message>
        <source>MaxPool2d</source>
        <translation>MaxPool2d</translation>
    </message>
    <message>
        <source>Keeps the largest value in each window: robust to small shifts, shrinks the map.</source>
        <translation>各窓の最大値を残す最大プーリング（Maxプーリング）です。小さな位置ずれに強く、特徴マップを縮小します。</translation>
    </message>
    <message>
        <source>AvgPool2d</source>
        <translation>AvgPool2d</translation>
    </message>
    <message>
        <source>Averages each window: smooths and shrinks the map.</source>
        <translation>各窓の平均を取る平均プーリングです。特徴マップを滑らかにして縮小します。</translation>
    </message>
    <message>
        <source>AdaptiveAvgPool2d</source>
        <translation>AdaptiveAvgPool2d</translation>
    </message>
    <message>
        <source>Averages into a fixed output size, whatever the input size.</source>
        <translation>入力サイズによらず、固定の出力サイズに平均プーリングします。</translation>
    </message>
    <message>
        <source>GlobalAvgPool</source>
        <translation>GlobalAvgPool</translation>
    </message>
    <message>
        <source>Global average pooling (GAP): one average per channel, C×H×W → C; replaces flatten + dense.</source>
        <translation>大域平均プーリング（GAP）: チャンネルごとに1つの平均を取ります（C×H×W → C）。平坦化 + 全結合層の代わりになります。</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>残差モジュール</translation>
    </message>
    <message>
        <source>ResNet&apos;s residual module: F(x) + x. Basic = two 3×3 convs; bottleneck = 1×1, 3×3, 1×1 (×4 channels). A 1×1 projection shortcut is added when the stride or channel count changes. ResNeXt splits the bottleneck&apos;s 3×3 into groups; Wide ResNet widens it.</source>
        <translation>ResNet の残差モジュール: F(x) + x。basic は 3×3 畳み込み2つ、bottleneck は 1×1、3×3、1×1（チャンネル数 ×4）です。ストライドやチャンネル数が変わるときは 1×1 の射影ショートカット接続を加えます。ResNeXt は bottleneck の 3×3 をグループに分け、Wide ResNet はそれを広げます。</translation>
    </message>
    <message>
        <source>ShuffleNetV2 unit</source>
        <translation>ShuffleNetV2 ユニット</translation>
    </message>
    <message>
        <source>ShuffleNetV2&apos;s unit. Stride 1: the channels are split in half, one half passes untouched, the other goes through 1×1 → 3×3 depthwise → 1×1; the halves are concatenated and shuffled so information mixes between them. Stride 2: both halves come from the input (one through a strided depthwise branch), halving the map and doubling the width.</source>
        <translation>ShuffleNetV2 のユニットです。ストライド1: チャンネルを半分に分け、一方はそのまま通し、もう一方は 1×1 → 3×3 デプスワイズ → 1×1 を通します。両者を連結してシャッフルし、情報を混ぜ合わせます。ストライド2: 両方の半分を入力から作り（一方はストライド付きのデプスワイズ分岐を通します）、マップを半分にしてチャンネル数を2倍にします。</translation>
    </message>
    <message>
        <source>Squeeze-Excitation</source>
        <translation>Squeeze-Excitation</translation>
    </message>
    <message>
        <source>Channel attention: average each channel to one number (squeeze), a small two-layer MLP of 1×1 convolutions turns those into a gate in [0, 1] per channel (excitation), and every channel of the input is scaled by its gate. Cheap, and lets the network stress the channels that matter for this image (MobileNetV3, EfficientNet, RegNet). Same width in and out.</source>
        <translation>チャンネル注意機構です。各チャンネルを平均して1つの数にし（squeeze）、1×1畳み込みによる小さな2層の MLP でチャンネルごとに [0, 1] のゲートに変え（excitation）、入力の各チャンネルをそのゲートでスケールします。計算が軽く、その画像にとって重要なチャンネルを強調できます（MobileNetV3、EfficientNet、RegNet）。入力と出力のチャンネル数は同じです。</translation>
    </message>
    <message>
        <source>StochasticDepth</source>
        <translation>StochasticDepth</translation>
    </message>
    <message>
        <source>Zeroes the whole branch for a random fraction p of the samples while training (and rescales the rest): deep residual networks train as if shallower (EfficientNet, ConvNeXt). Identity in eval.</source>
        <translation>学習中、ランダムに選んだ割合 p のサンプルで分岐全体を0にします（残りは再スケールします）。深い残差ネットワークを浅いネットワークのように学習できます（EfficientNet、ConvNeXt）。評価時は何もしません。</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>畳み込み</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>プーリング</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>全結合</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合流</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>複合ブロック</translation>
    </message>
    <message>
        <source>Generative</source>
        <translation>画像生成</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Cuts the channels into pieces, one output per piece: equal pieces (torch.chunk) or the channel counts you list (torch.split). ShuffleNetV2 splits the channels in two: one half passes, the other is convolved.</source>
        <translation>チャンネルをいくつかの部分に分け、部分ごとに1つの出力を持ちます。均等に分ける（torch.chunk）か、指定したチャンネル数で分けます（torch.split）。ShuffleNetV2 はチャンネルを2つに分け、半分はそのまま通し、もう半分を畳み込みます。</translation>
    </message>
    <message>
        <source>BatchNormAct2d</source>
        <translation>BatchNormAct2d</translation>
    </message>
    <message>
        <source>Batch norm, then an optional dropout and an activation, in one layer with batch norm&apos;s weights (weight, bias, running_mean, running_var): how timm writes EfficientNet, MobileNetV3 and RegNet, so their checkpoints load unchanged.</source>
        <translation>バッチ正規化、必要に応じてドロップアウト、そして活性化関数を1つにまとめた層で、重みはバッチ正規化と同じです（weight、bias、running_mean、running_var）。timm は EfficientNet、MobileNetV3、RegNet をこの形で書いているので、それらのチェックポイントをそのまま読み込めます。</translation>
    </message>
    <message>
        <source>Dense layer</source>
        <translation>Dense 層</translation>
    </message>
    <message>
        <source>One layer of a DenseNet block: batch norm, ReLU, a 1×1 convolution (a bottleneck of bn_size × growth channels), batch norm, ReLU, a 3×3 convolution giving growth_rate new channels. Its input is the concatenation of everything before it in the block.</source>
        <translation>DenseNet のブロックの1層です。バッチ正規化、ReLU、1×1畳み込み（bn_size × growth チャンネルのボトルネック）、バッチ正規化、ReLU、growth_rate 個の新しいチャンネルを出す 3×3 畳み込みの順に通します。入力は、ブロック内でそれより前にあるすべてを連結したものです。</translation>
    </message>
    <message>
        <source>Dense block</source>
        <translation>Dense ブロック</translation>
    </message>
    <message>
        <source>DenseNet&apos;s block: num_layers dense layers, each reading the concatenation of the block&apos;s input and every earlier layer&apos;s output, so features are reused instead of relearned. The output is all of them concatenated: input channels + num_layers × growth_rate, same map size.</source>
        <translation>DenseNet のブロックです。num_layers 個の dense 層からなり、各層はブロックの入力とそれより前のすべての層の出力を連結したものを読むので、特徴を学び直さずに再利用します。出力はそれらすべてを連結したもので、チャンネル数は入力チャンネル数 + num_layers × growth_rate、マップの大きさは変わりません。</translation>
    </message>
    <message>
        <source>Dense transition</source>
        <translation>Dense 遷移層</translation>
    </message>
    <message>
        <source>Between DenseNet&apos;s blocks: batch norm, ReLU, a 1×1 convolution that narrows the channels (DenseNet halves them: compression 0.5), then a 2×2 average pool that halves the map.</source>
        <translation>DenseNet のブロックの間に置く層です。バッチ正規化、ReLU、チャンネル数を減らす 1×1畳み込み（DenseNet では半分にします: 圧縮率 0.5）の後、2×2 の平均プーリングでマップを半分にします。</translation>
    </message>
    <message>
        <source>Depthwise-separable conv</source>
        <translation>デプスワイズ分離可能畳み込み</translation>
    </message>
    <message>
        <source>MobileNetV1&apos;s block: a k×k depthwise convolution filters each channel on its own (one filter per channel), then a 1×1 pointwise convolution mixes the channels; each is followed by batch norm and ReLU. It does the work of one k×k convolution with about 1/k² of its weights and multiply-adds.</source>
        <translation>MobileNetV1 のブロックです。k×k のデプスワイズ畳み込みで各チャンネルを個別にフィルタし（チャンネルごとにフィルタ1つ）、続いて 1×1 のポイントワイズ畳み込みでチャンネルを混ぜます。どちらの後にもバッチ正規化と ReLU が続きます。k×k 畳み込み1つと同じ働きを、約 1/k² の重みと積和演算で行います。</translation>
    </message>
    <message>
        <source>FrozenBatchNorm2d</source>
        <translation>FrozenBatchNorm2d</translation>
    </message>
    <message>
        <source>A batch norm whose mean, variance, scale and shift are fixed (buffers, not learned): y = (x − mean) / √(var + eps) · weight + bias per channel. Detection backbones use it to fine-tune with batches too small for batch statistics (torchvision&apos;s Faster R-CNN).</source>
        <translation>平均、分散、スケール、シフトが固定された（学習しないバッファの）バッチ正規化です: チャンネルごとに y = (x − mean) / √(var + eps) · weight + bias。物体検出のバックボーンで、バッチ統計量を取るには小さすぎるバッチでファインチューニングするときに使います（torchvision の Faster R-CNN）。</translation>
    </message>
    <message>
        <source>MBConv (EfficientNet)</source>
        <translation>MBConv（EfficientNet のブロック）</translation>
    </message>
    <message>
        <source>EfficientNet&apos;s block: a 1×1 convolution widens the channels (× expand ratio, rounded to a multiple of 8), a k×k depthwise convolution filters each channel on its own, a squeeze-and-excitation gate weighs the channels, a linear 1×1 convolution narrows again; SiLU (swish) inside. When the shape is kept the branch is skipped at random while training (stochastic depth) and added to the input.</source>
        <translation>EfficientNet のブロックです。1×1畳み込みでチャンネルを広げ（× 拡張率、8 の倍数に丸めます）、k×k のデプスワイズ畳み込みで各チャンネルを個別にフィルタし、squeeze-and-excitation のゲートでチャンネルを重み付けし、線形の 1×1畳み込みで再び狭めます。内部の活性化関数は SiLU（swish）です。形状が変わらないときは、学習中に分岐をランダムにスキップしつつ（stochastic depth）、入力に足します。</translation>
    </message>
    <message>
        <source>MobileNetV3 block</source>
        <translation>MobileNetV3 ブロック</translation>
    </message>
    <message>
        <source>MobileNetV3&apos;s block (&quot;bneck&quot;): a 1×1 convolution widens the channels (skipped when the width is kept), a k×k depthwise convolution filters each channel on its own, an optional squeeze-and-excitation gate (hard-sigmoid) weighs the channels, a linear 1×1 convolution narrows again; + input when the shape is kept. ReLU early in the network, hard-swish (cheap on phones) later.</source>
        <translation>MobileNetV3 のブロック（「bneck」）です。1×1畳み込みでチャンネルを広げ（幅が変わらないときは省略）、k×k のデプスワイズ畳み込みで各チャンネルを個別にフィルタし、必要に応じて squeeze-and-excitation のゲート（hard-sigmoid）でチャンネルを重み付けし、線形の 1×1畳み込みで再び狭めます。形状が変わらないときは入力を足します。ネットワークの前半では ReLU、後半では hard-swish（スマートフォンで計算が軽い）を使います。</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>Reshape</translation>
    </message>
    <message>
        <source>Reads each sample&apos;s values in another shape (x.reshape(N, …)): the number of values must stay the same; one size may be −1 to take what is left. A vector back to a C×H×W map (a decoder), a view with an extra dimension. Flatten is the usual C×H×W → C·H·W.</source>
        <translation>各サンプルの値を別の形状として読み直します（x.reshape(N, …)）。値の個数は変えられません。サイズの1つを −1 にすると、残りすべてをその次元に割り当てます。ベクトルを C×H×W のマップに戻す（デコーダ）、次元を1つ増やしたビューを作る、といった用途に使います。よく使う C×H×W → C·H·W は Flatten（平坦化）です。</translation>
    </message>
    <message>
        <source>Permute</source>
        <translation>Permute</translation>
    </message>
    <message>
        <source>Reorders the dimensions of each sample (x.permute(0, …)): dims [1, 2, 0] turns C×H×W into H×W×C (channels last, for a LayerNorm or a Linear over the channels, as ConvNeXt does) and [2, 0, 1] turns it back. Dims count from 0 after the batch.</source>
        <translation>各サンプルの次元を並べ替えます（x.permute(0, …)）。dims [1, 2, 0] は C×H×W を H×W×C にし（チャンネルを最後に置き、ConvNeXt のようにチャンネル方向に LayerNorm や Linear をかけるため）、[2, 0, 1] で元に戻します。dims はバッチの次の次元を 0 と数えます。</translation>
    </message>
    <message>
        <source>Fused-MBConv</source>
        <translation>Fused-MBConv</translation>
    </message>
    <message>
        <source>EfficientNetV2&apos;s early-stage block: one full k×k convolution widens the channels (× expand ratio) where MBConv uses a 1×1 and a depthwise convolution — faster on GPUs for small maps — then a linear 1×1 convolution narrows again (ratio 1: the k×k convolution alone). When the shape is kept the branch is skipped at random while training (stochastic depth) and added to the input.</source>
        <translation>EfficientNetV2 の前半の段のブロック。MBConv が 1×1 畳み込みとデプスワイズ畳み込みで行うところを、1 つの通常の k×k 畳み込みでチャネルを広げ（× 拡張率）— 小さな特徴マップでは GPU で速い — その後、活性化なしの 1×1 畳み込みで再び狭めます（拡張率 1 なら k×k 畳み込みだけ）。形状が変わらないときは、学習中にこの分岐をランダムに飛ばし（確率的深さ）、入力に足し合わせます。</translation>
    </message>
    <message>
        <source>ConvNeXt block (timm)</source>
        <translation>ConvNeXt ブロック（timm）</translation>
    </message>
    <message>
        <source>ConvNeXt&apos;s residual block as timm writes it: a depthwise convolution, LayerNorm over the channels, a wider two-layer MLP with GELU (1×1 convolutions or Linear layers), a learned per-channel scale gamma, then + input. timm&apos;s ConvNeXt checkpoints load into it unchanged. Same width in and out.</source>
        <translation>timm の書き方による ConvNeXt の残差ブロック：デプスワイズ畳み込み、チャネル方向の LayerNorm、GELU を挟んだ幅の広い 2 層 MLP（1×1 畳み込みまたは Linear 層）、チャネルごとに学習されるスケール gamma、そして + 入力。timm の ConvNeXt のチェックポイントがそのまま読み込めます。入力と出力のチャネル数は同じです。</translation>
    </message>
</context>
</TS>
