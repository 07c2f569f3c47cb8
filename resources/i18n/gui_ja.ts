<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>APTable</name>
    <message>
        <source>Average precision per class</source>
        <translation>クラスごとの平均適合率（AP）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>AP@0.5</source>
        <translation>AP@0.5</translation>
    </message>
    <message>
        <source>AP@[.5:.95]</source>
        <translation>AP@[.5:.95]</translation>
    </message>
    <message>
        <source>AP@0.5: a box counts when it overlaps its object by half (IoU ≥ 0.5). AP@[.5:.95]: COCO&apos;s stricter mean over IoU 0.50, 0.55 … 0.95, which rewards tight boxes.</source>
        <translation>AP@0.5：ボックスが物体と半分以上重なれば（IoU ≥ 0.5）正解とします。AP@[.5:.95]：IoU 0.50, 0.55 … 0.95 で平均する COCO の厳しい指標で、ぴったりしたボックスほど高くなります。</translation>
    </message>
    <message>
        <source>mean (mAP)</source>
        <translation>平均（mAP）</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Validation loss: heat maps {0:.3f} · box {1:.3f} · offset {2:.3f}</source>
        <translation>検証損失：ヒートマップ {0:.3f} · ボックス {1:.3f} · オフセット {2:.3f}</translation>
    </message>
    <message>
        <source>Average precision per class, epoch {0}</source>
        <translation>クラスごとの平均適合率（エポック {0}）</translation>
    </message>
    <message>
        <source>The AP table appears after the first epoch.</source>
        <translation>AP の表は最初のエポックの後に表示されます。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>cnnstudio: no display (DISPLAY and WAYLAND_DISPLAY are not set): run it on a desktop, or render the window with: cnnstudio [FILE] --screenshot window.png</source>
        <translation>cnnstudio: ディスプレイがありません（DISPLAY も WAYLAND_DISPLAY も設定されていません）。デスクトップで実行するか、cnnstudio [FILE] --screenshot window.png でウィンドウを画像に書き出してください。</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
    <message>
        <source>cnnstudio: cannot write {0}: folder {1} does not exist</source>
        <translation>cnnstudio: {0} を書き込めません。フォルダ {1} がありません</translation>
    </message>
    <message>
        <source>cnnstudio: cannot write {0}</source>
        <translation>cnnstudio: {0} を書き込めません</translation>
    </message>
    <message>
        <source>Internal error: {0}: {1}</source>
        <translation>内部エラー: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>Autosave is off: cannot create {0} ({1})</source>
        <translation>自動保存は無効です: {0} を作成できません（{1}）</translation>
    </message>
    <message>
        <source>Autosave is off: cannot lock {0}</source>
        <translation>自動保存は無効です: {0} をロックできません</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自動保存に失敗しました: {0}</translation>
    </message>
    <message>
        <source>Cannot remove the recovery file {0}: {1}</source>
        <translation>復元ファイル {0} を削除できません: {1}</translation>
    </message>
</context>
<context>
    <name>AuxiliaryPage</name>
    <message>
        <source>{0} (auxiliary)</source>
        <translation>{0}（補助出力層）</translation>
    </message>
</context>
<context>
    <name>BlockPalette</name>
    <message>
        <source>Search blocks…</source>
        <translation>ブロックを検索…</translation>
    </message>
    <message>
        <source>Search blocks</source>
        <translation>ブロックを検索</translation>
    </message>
    <message>
        <source>Double-click to add after the selected block, or drag onto the canvas (onto a wire to insert it there).</source>
        <translation>ダブルクリックで選択中のブロックの後ろに追加します。キャンバスへドラッグしても追加できます（接続の上に落とすとそこに挿入します）。</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop this work; its result is dropped</source>
        <translation>この処理を中止します（結果は破棄されます）</translation>
    </message>
</context>
<context>
    <name>CanvasActions</name>
    <message>
        <source>Add {0}</source>
        <translation>{0} を追加</translation>
    </message>
    <message>
        <source>{0} added as a branch: {1}</source>
        <translation>{0} を分岐として追加しました: {1}</translation>
    </message>
    <message>
        <source>{0} added as a branch of {1}: inserted before {2} it would give {3}: {4}</source>
        <translation>{0} を {1} の分岐として追加しました。{2} の前に挿入すると {3} になるためです: {4}</translation>
    </message>
    <message>
        <source>{0} nodes</source>
        <translation>ノード {0} 個</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>ノード 1 個</translation>
    </message>
    <message>
        <source>{0} connection(s)</source>
        <translation>接続 {0} 本</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0}を削除</translation>
    </message>
    <message>
        <source>Select the blocks to delete and reconnect</source>
        <translation>削除して接続し直すブロックを選択してください</translation>
    </message>
    <message>
        <source>The output now scores {0} classes, not {1}: Edit → Replace Head… sets the count</source>
        <translation>出力のクラス数が {1} から {0} に変わりました: 編集 → 出力層を置き換え… で数を設定できます</translation>
    </message>
    <message>
        <source>Move {0} nodes</source>
        <translation>ノード {0} 個を移動</translation>
    </message>
    <message>
        <source>Move 1 node</source>
        <translation>ノード 1 個を移動</translation>
    </message>
    <message>
        <source>Copied {0} blocks</source>
        <translation>ブロック {0} 個をコピーしました</translation>
    </message>
    <message>
        <source>Copied 1 block</source>
        <translation>ブロック 1 個をコピーしました</translation>
    </message>
    <message>
        <source>Duplicate {0} node(s)</source>
        <translation>ノード {0} 個を複製</translation>
    </message>
    <message>
        <source>Cannot paste: {0}</source>
        <translation>貼り付けできません: {0}</translation>
    </message>
    <message>
        <source>left to right</source>
        <translation>左から右</translation>
    </message>
    <message>
        <source>top to bottom</source>
        <translation>上から下</translation>
    </message>
    <message>
        <source>Auto-layout ({0})</source>
        <translation>自動配置（{0}）</translation>
    </message>
    <message>
        <source>{0} is a block, not a part: Collapse joins the parts that Expand made</source>
        <translation>{0} はブロックで、構成要素ではありません。「ブロックにまとめる」は展開で生じた構成要素をまとめます</translation>
    </message>
    <message>
        <source>The selection spans {0}: select the parts of one expanded block</source>
        <translation>選択が {0} にまたがっています。展開した 1 つのブロックの構成要素を選択してください</translation>
    </message>
    <message>
        <source>Collapse {0} into one block</source>
        <translation>{0} を 1 つのブロックにまとめる</translation>
    </message>
    <message>
        <source>Everything up to {0} is already frozen</source>
        <translation>{0} までのブロックはすべて凍結済みです</translation>
    </message>
    <message>
        <source>Everything up to {0} is already trainable</source>
        <translation>{0} までのブロックはすべて学習対象です</translation>
    </message>
    <message>
        <source>Cannot apply the fix: {0}</source>
        <translation>修正を適用できません: {0}</translation>
    </message>
</context>
<context>
    <name>CanvasMenu</name>
    <message>
        <source>Freeze up to here</source>
        <translation>ここまで凍結</translation>
    </message>
    <message>
        <source>Freeze this block and every block that feeds it (reuse trained lower layers)</source>
        <translation>このブロックと、その入力側のすべてのブロックを凍結します（学習済みの下位層を再利用）</translation>
    </message>
    <message>
        <source>Unfreeze up to here</source>
        <translation>ここまで凍結を解除</translation>
    </message>
    <message>
        <source>Replace head…</source>
        <translation>出力層を置き換え…</translation>
    </message>
    <message>
        <source>Give the classification head(s) a new number of classes</source>
        <translation>分類の出力層に新しいクラス数を設定します</translation>
    </message>
    <message>
        <source>Expand into its parts</source>
        <translation>構成要素に展開</translation>
    </message>
    <message>
        <source>Replace the block by the layers it is made of (same weights, same names)</source>
        <translation>ブロックを、それを構成する層に置き換えます（重みも名前も同じ）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>切り取り</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete and reconnect</source>
        <translation>削除して接続し直す</translation>
    </message>
    <message>
        <source>Delete and wire what fed the block to what it fed (Ctrl+Delete)</source>
        <translation>削除し、ブロックの入力元を出力先へつなぎ直します（Ctrl+Delete）</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>接続を削除</translation>
    </message>
    <message>
        <source>Insert block here</source>
        <translation>ここにブロックを挿入</translation>
    </message>
    <message>
        <source>Add block</source>
        <translation>ブロックを追加</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>すべて選択</translation>
    </message>
    <message>
        <source>Auto-layout left to right</source>
        <translation>左から右へ自動配置</translation>
    </message>
    <message>
        <source>Auto-layout top to bottom</source>
        <translation>上から下へ自動配置</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>全体を表示</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Double-click a block in the palette (start with Input), or drag one here.
Drag from a port to connect.  File ▸ New from Preset opens a classic network.</source>
        <translation>パレットのブロックをダブルクリックするか（まずは Input から）、ここへドラッグしてください。
ポートからドラッグすると接続できます。 ファイル ▸ プリセットから新規作成 で代表的なネットワークを開けます。</translation>
    </message>
</context>
<context>
    <name>ConfigEdit</name>
    <message>
        <source>epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>学習率スケジュール</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>重み減衰</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>モーメンタム</translation>
    </message>
    <message>
        <source>step interval</source>
        <translation>ステップ間隔</translation>
    </message>
    <message>
        <source>validation split</source>
        <translation>検証データの割合</translation>
    </message>
    <message>
        <source>label smoothing</source>
        <translation>ラベル平滑化</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>loader processes</source>
        <translation>読み込みプロセス数</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>データ拡張</translation>
    </message>
    <message>
        <source>GAN loss</source>
        <translation>GAN の損失</translation>
    </message>
    <message>
        <source>score classifier</source>
        <translation>評価用の分類器</translation>
    </message>
    <message>
        <source>score classifier&apos;s weights</source>
        <translation>評価用の分類器の重み</translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation>学習設定を変更</translation>
    </message>
    <message>
        <source>Set {0} to {1}</source>
        <translation>{0} を {1} に設定</translation>
    </message>
    <message>
        <source>Change {0}</source>
        <translation>{0} を変更</translation>
    </message>
</context>
<context>
    <name>ConfigForm</name>
    <message>
        <source>Digits (bundled, 8×8)</source>
        <translation>手書き数字（同梱、8×8）</translation>
    </message>
    <message>
        <source>Shapes (generated)</source>
        <translation>図形（自動生成）</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>画像フォルダ</translation>
    </message>
    <message>
        <source>Shapes with boxes (generated)</source>
        <translation>バウンディングボックス付きの図形（自動生成）</translation>
    </message>
    <message>
        <source>COCO folder (boxes)</source>
        <translation>COCO フォルダ（バウンディングボックス）</translation>
    </message>
    <message>
        <source>Pascal VOC folder (boxes)</source>
        <translation>Pascal VOC フォルダ（バウンディングボックス）</translation>
    </message>
    <message>
        <source>YOLO folder (boxes)</source>
        <translation>YOLO フォルダ（バウンディングボックス）</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + モーメンタム</translation>
    </message>
    <message>
        <source>What to train on: the bundled digits work offline; a folder needs one subfolder per class</source>
        <translation>学習に使うデータです。同梱の手書き数字はオフラインで使えます。フォルダの場合はクラスごとにサブフォルダが必要です</translation>
    </message>
    <message>
        <source>Learning rate, e.g. 0.002 or 1e-3</source>
        <translation>学習率（例: 0.002 や 1e-3）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>The project&apos;s training settings cannot be used: {0}</source>
        <translation>プロジェクトの学習設定は使えません: {0}</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>データ: {0}</translation>
    </message>
    <message>
        <source>Unknown data spec {0!r}</source>
        <translation>不明なデータ指定 {0!r}</translation>
    </message>
    <message>
        <source>{0}: choose a folder</source>
        <translation>{0}: フォルダを選択</translation>
    </message>
    <message>
        <source>learning rate {0!r} is not a number (e.g. 0.002 or 1e-3) — kept {1}</source>
        <translation>学習率 {0!r} は数値ではありません（例: 0.002 や 1e-3）— {1} のままです</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>The confusion matrix appears after the first epoch.</source>
        <translation>混同行列は最初のエポックの後に表示されます。</translation>
    </message>
    <message>
        <source>No classification head: no confusion matrix.</source>
        <translation>分類の出力層がないため、混同行列はありません。</translation>
    </message>
    <message>
        <source>rows: true class</source>
        <translation>行: 正解クラス</translation>
    </message>
</context>
<context>
    <name>ConvolutionPage</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ 戻る</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>ステップ ▶</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>The previous output position (←)</source>
        <translation>前の出力位置（←）</translation>
    </message>
    <message>
        <source>The next output position (→ or Space)</source>
        <translation>次の出力位置（→ または Space）</translation>
    </message>
    <message>
        <source>Slide the kernel over the whole input</source>
        <translation>カーネルを入力全体にスライドさせます</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>Apply to Block</source>
        <translation>ブロックに適用</translation>
    </message>
    <message>
        <source>Set the block&apos;s padding and stride to these values (one undo step)</source>
        <translation>ブロックのパディングとストライドをこの値にします（1回の元に戻すで戻せます）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Back to the block&apos;s own padding and stride</source>
        <translation>ブロック自身のパディングとストライドに戻します</translation>
    </message>
    <message>
        <source>Preview: not applied to the block yet</source>
        <translation>プレビュー：まだブロックには適用されていません</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Input {0}×{1}, padded to {2}×{3} (channel 1)</source>
        <translation>入力 {0}×{1} → パディング後 {2}×{3}</translation>
    </message>
    <message>
        <source>Output {0}×{1}</source>
        <translation>出力 {0}×{1}</translation>
    </message>
    <message>
        <source>Input under the kernel</source>
        <translation>カーネルの下の入力</translation>
    </message>
    <message>
        <source>Kernel (example weights)</source>
        <translation>カーネル（例の重み）</translation>
    </message>
    <message>
        <source>Element-wise products</source>
        <translation>要素積</translation>
    </message>
    <message>
        <source>Showing the part of the maps around the kernel</source>
        <translation>カーネルのまわりの部分を表示しています</translation>
    </message>
    <message>
        <source>Output ({0}, {1}) of {2}×{3}: position {4} of {5}, sum = {6}</source>
        <translation>出力 ({0}, {1})（{2}×{3} 中）：{5} 個中 {4} 番目の位置、和 = {6}</translation>
    </message>
</context>
<context>
    <name>Curves</name>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>train steps</source>
        <translation>学習ステップ</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <source>epoch mean</source>
        <translation>エポック平均</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Accuracy %</source>
        <translation>正解率 %</translation>
    </message>
    <message>
        <source>train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>val</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>D + G</source>
        <translation>D + G</translation>
    </message>
    <message>
        <source>discriminator</source>
        <translation>識別器</translation>
    </message>
    <message>
        <source>generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>Discriminator says real %</source>
        <translation>識別器が本物と判定した割合 %</translation>
    </message>
    <message>
        <source>D(real)</source>
        <translation>D(本物)</translation>
    </message>
    <message>
        <source>D(fake)</source>
        <translation>D(偽物)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Images / s</source>
        <translation>画像 / 秒</translation>
    </message>
    <message>
        <source>train (step)</source>
        <translation>学習（ステップ）</translation>
    </message>
    <message>
        <source>train (smoothed)</source>
        <translation>学習（平滑化）</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>学習（エポック）</translation>
    </message>
    <message>
        <source>no classification head</source>
        <translation>分類の出力層なし</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>CNN Studio projects (*.cnn.json);;JSON files (*.json);;All files (*)</source>
        <translation>CNN Studio プロジェクト (*.cnn.json);;JSON ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>Save the changes to “{0}”?</source>
        <translation>「{0}」の変更を保存しますか？</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>保存しないと変更は失われます。</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>未保存の作業を復元</translation>
    </message>
    <message>
        <source>CNN Studio did not close properly. Recover the unsaved changes to “{0}”?</source>
        <translation>CNN Studio は正常に終了しませんでした。「{0}」の未保存の変更を復元しますか？</translation>
    </message>
    <message>
        <source>Autosaved {0}. If you discard them, the recovery file is deleted.</source>
        <translation>{0} に自動保存されています。破棄すると復元ファイルは削除されます。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>プロジェクトを保存</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>ディスク上のファイルが変更されました</translation>
    </message>
    <message>
        <source>“{0}” changed on disk, and you have unsaved changes.</source>
        <translation>「{0}」がディスク上で変更されました。こちらにも未保存の変更があります。</translation>
    </message>
    <message>
        <source>Reload it and lose your changes, keep your version (saving asks before replacing the file), or save your version under another name.</source>
        <translation>読み込み直して自分の変更を捨てるか、自分の版を残す（保存時にファイルを置き換える前に確認します）か、自分の版を別名で保存してください。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>読み込み直す</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>自分の版を残す</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>The file “{0}” changed on disk since you opened it.</source>
        <translation>ファイル「{0}」は開いた後にディスク上で変更されました。</translation>
    </message>
    <message>
        <source>Overwrite it with your version (the other changes are lost), save yours under another name, or cancel.</source>
        <translation>自分の版で上書きする（もう一方の変更は失われます）か、自分の版を別名で保存するか、キャンセルしてください。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>上書き</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Switch to It</source>
        <translation>そちらに切り替える</translation>
    </message>
    <message>
        <source>Open Anyway</source>
        <translation>このまま開く</translation>
    </message>
    <message>
        <source>Open a Copy</source>
        <translation>コピーを開く</translation>
    </message>
    <message>
        <source>File already open</source>
        <translation>ファイルは既に開かれています</translation>
    </message>
    <message>
        <source>“{0}” is already open in {1}.</source>
        <translation>「{0}」は既に{1}で開かれています。</translation>
    </message>
    <message>
        <source>Both can edit it: each notices what the other saves and asks before overwriting. A copy has no file, so saving it asks for a new name.</source>
        <translation>どちらでも編集できます。互いに相手の保存を検知し、上書きする前に確認します。コピーにはファイルがないため、保存時に新しい名前を尋ねます。</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Shape inference failed: {0}: {1}</source>
        <translation>形状の推論に失敗しました: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>fresh weights (optional: a checkpoint or .safetensors/.pth file)</source>
        <translation>初期化した重み（任意: チェックポイントまたは .safetensors/.pth ファイル）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存先</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>エクスポート先</translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.pth *.pt);;All files (*)</source>
        <translation>重み (*.safetensors *.pth *.pt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>エクスポートできません</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>{0} をエクスポート中…</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0} をエクスポートしました</translation>
    </message>
    <message>
        <source>Export of {0} cancelled: nothing written</source>
        <translation>{0} のエクスポートを中止しました（何も書き込んでいません）</translation>
    </message>
</context>
<context>
    <name>ExportImport</name>
    <message>
        <source>PyTorch code (.py)</source>
        <translation>PyTorch コード (.py)</translation>
    </message>
    <message>
        <source>ONNX (.onnx)</source>
        <translation>ONNX (.onnx)</translation>
    </message>
    <message>
        <source>torch.export program (.pt2)</source>
        <translation>torch.export プログラム (.pt2)</translation>
    </message>
    <message>
        <source>Weights (.safetensors) + project</source>
        <translation>重み (.safetensors) + プロジェクト</translation>
    </message>
    <message>
        <source>Training script (train.py, runs under torchrun)</source>
        <translation>学習スクリプト（train.py、torchrun で実行可能）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>choose where to save the export</source>
        <translation>エクスポートの保存先を選んでください</translation>
    </message>
    <message>
        <source>{0} does not exist: choose a folder that does</source>
        <translation>{0} がありません。存在するフォルダを選んでください</translation>
    </message>
    <message>
        <source>{0} is a folder: choose a file name</source>
        <translation>{0} はフォルダです。ファイル名を選んでください</translation>
    </message>
    <message>
        <source>Imported {0}: {1} blocks; training starts from the weights the module had when built</source>
        <translation>{0} を取り込みました: {1} ブロック。学習はモジュールが作られたときの重みから始まります</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>PyTorch code, ONNX, .pt2, safetensors, train.py</source>
        <translation>PyTorch コード、ONNX、.pt2、safetensors、train.py</translation>
    </message>
    <message>
        <source>&amp;Import from PyTorch…</source>
        <translation>PyTorch からインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Trace an nn.Module into a project</source>
        <translation>nn.Module をトレースしてプロジェクトにします</translation>
    </message>
</context>
<context>
    <name>FeatureGrid</name>
    <message>
        <source>Click a map to enlarge it; click a position to see the input region that feeds it</source>
        <translation>マップをクリックすると拡大します。位置をクリックすると、その値を決める入力領域を表示します</translation>
    </message>
    <message>
        <source>Click a position to see the input region that feeds it</source>
        <translation>位置をクリックすると、その値を決める入力領域を表示します</translation>
    </message>
    <message>
        <source>{0} features · folded into a {1}×{2} square · scaled to {3:.3g} … {4:.3g}</source>
        <translation>特徴 {0} 個 · {1}×{2} の正方形に折り返し · {3:.3g} … {4:.3g} で正規化</translation>
    </message>
    <message>
        <source>{0} channels</source>
        <translation>{0} チャンネル</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>1 チャンネル</translation>
    </message>
    <message>
        <source>{0} of {1}×{2} · output {3} · each map scaled to its own min … max</source>
        <translation>{1}×{2} の {0} · 出力 {3} · 各マップをそれぞれの最小値〜最大値で正規化</translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation>チャンネル {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;values {1:.3g} … {2:.3g}&lt;br&gt;Click a position.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;値 {1:.3g} … {2:.3g}&lt;br&gt;位置をクリックしてください。</translation>
    </message>
</context>
<context>
    <name>FeatureMapPanel</name>
    <message>
        <source>Open image or video…</source>
        <translation>画像または動画を開く…</translation>
    </message>
    <message>
        <source>Read an image or a video file (or drop one onto this panel)</source>
        <translation>画像または動画のファイルを読み込みます（このパネルにドロップすることもできます）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>An image of the current data set</source>
        <translation>現在のデータセットの画像</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特徴マップ</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>カーネル</translation>
    </message>
    <message>
        <source>image {0}</source>
        <translation>画像 {0}</translation>
    </message>
    <message>
        <source>Choose an image: &lt;i&gt;Open image or video…&lt;/i&gt;, a data-set sample, or drop a file here.</source>
        <translation>画像を選んでください: &lt;i&gt;画像または動画を開く…&lt;/i&gt;、データセットのサンプル、またはここにファイルをドロップします。</translation>
    </message>
    <message>
        <source>Open image or video</source>
        <translation>画像または動画を開く</translation>
    </message>
    <message>
        <source>Decoding {0}…</source>
        <translation>{0} をデコード中…</translation>
    </message>
    <message>
        <source>sample {0}</source>
        <translation>サンプル {0}</translation>
    </message>
    <message>
        <source> · label {0}</source>
        <translation> · ラベル {0}</translation>
    </message>
    <message>
        <source> of {0}</source>
        <translation> / {0}</translation>
    </message>
    <message>
        <source>No model yet: compile the design to look inside it.</source>
        <translation>モデルがまだありません。中を見るには設計をコンパイルしてください。</translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation>モデルがまだありません。</translation>
    </message>
    <message>
        <source>{0} · fed as {1}</source>
        <translation>{0} · {1} として入力</translation>
    </message>
    <message>
        <source>Predicting…</source>
        <translation>予測中…</translation>
    </message>
    <message>
        <source>{0} found</source>
        <translation>{0} 個検出</translation>
    </message>
    <message>
        <source>Finding objects…</source>
        <translation>物体を検出しています…</translation>
    </message>
    <message>
        <source>{0} · heat map of &lt;b&gt;{1}&lt;/b&gt; from &lt;b&gt;{2}&lt;/b&gt; (channel {3})</source>
        <translation>{0} · &lt;b&gt;{2}&lt;/b&gt; の &lt;b&gt;{1}&lt;/b&gt; のヒートマップ（チャンネル {3}）</translation>
    </message>
    <message>
        <source>Grad-CAM at {0}: {1}</source>
        <translation>{0} での Grad-CAM: {1}</translation>
    </message>
    <message>
        <source>{0} · Grad-CAM at &lt;b&gt;{1}&lt;/b&gt;, class &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>{0} · &lt;b&gt;{1}&lt;/b&gt; での Grad-CAM、クラス &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Grad-CAM at {0}…</source>
        <translation>{0} での Grad-CAM…</translation>
    </message>
    <message>
        <source>Select a node on the canvas to see its output.</source>
        <translation>キャンバスでノードを選択すると、その出力を表示します。</translation>
    </message>
    <message>
        <source>Select a convolution node to see its kernels.</source>
        <translation>畳み込みノードを選択すると、そのカーネルを表示します。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}&lt;br&gt;Choose an image to see its output.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1}&lt;br&gt;画像を選ぶと出力を表示します。</translation>
    </message>
    <message>
        <source>Computing the maps of {0}…</source>
        <translation>{0} のマップを計算中…</translation>
    </message>
    <message>
        <source>Drawing the kernels of {0}…</source>
        <translation>{0} のカーネルを描画しています…</translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation>チャンネル {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; at ({1}, {2}): {3:.3g}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; の ({1}, {2}): {3:.3g}</translation>
    </message>
    <message>
        <source>Every feature here sees the whole image.</source>
        <translation>ここの特徴はどれも画像全体を見ています。</translation>
    </message>
    <message>
        <source>fed by input rows {0}–{1}, columns {2}–{3} ({4}×{5}, the red box)</source>
        <translation>入力の行 {0}–{1}、列 {2}–{3} から計算（{4}×{5}、赤い枠）</translation>
    </message>
    <message>
        <source>This position sees only padding.</source>
        <translation>この位置はパディングしか見ていません。</translation>
    </message>
    <message>
        <source>receptive field {0}×{1}, stride {2}×{3}</source>
        <translation>受容野 {0}×{1}、ストライド {2}×{3}</translation>
    </message>
</context>
<context>
    <name>FeaturePanel</name>
    <message>
        <source>Images and videos (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp {videos});;All files (*)</source>
        <translation>画像と動画 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp {videos});;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>FileClaim</name>
    <message>
        <source>another window</source>
        <translation>別のウィンドウ</translation>
    </message>
    <message>
        <source>another CNN Studio (process {0})</source>
        <translation>別の CNN Studio（プロセス {0}）</translation>
    </message>
    <message>
        <source>another CNN Studio</source>
        <translation>別の CNN Studio</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
    <message>
        <source>{0} (copy)</source>
        <translation>{0}（コピー）</translation>
    </message>
    <message>
        <source>Opened a copy of {0}: saving asks for a new name</source>
        <translation>{0} のコピーを開きました。保存時に新しい名前を尋ねます</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>{0} を開きました</translation>
    </message>
    <message>
        <source>{0} is also open in {1}: changes saved there will show here</source>
        <translation>{0} は{1}でも開かれています。そちらで保存した変更はここにも反映されます</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>プロジェクトを保存できません</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} を保存しました</translation>
    </message>
    <message>
        <source>{0} was deleted or moved on disk: Save writes it again</source>
        <translation>{0} はディスク上で削除または移動されました。保存すると書き直します</translation>
    </message>
    <message>
        <source>Kept your version of {0}; saving will ask before replacing the one on disk</source>
        <translation>{0} は自分の版を残しました。保存時にディスク上のファイルを置き換える前に確認します</translation>
    </message>
    <message>
        <source>{0} changed on disk but cannot be read now ({1}); kept as shown</source>
        <translation>{0} はディスク上で変更されましたが、今は読み込めません（{1}）。表示中の内容のままにします</translation>
    </message>
    <message>
        <source>Reloaded {0}: it changed on disk</source>
        <translation>{0} を読み込み直しました（ディスク上で変更されたため）</translation>
    </message>
    <message>
        <source>Reloaded {0}</source>
        <translation>{0} を読み込み直しました</translation>
    </message>
</context>
<context>
    <name>FormulaText</name>
    <message>
        <source>weight  {0}  (in × out/groups × kh × kw)</source>
        <translation>重み  {0}  (in × out/groups × kh × kw)</translation>
    </message>
    <message>
        <source>weight  {0}  (out × in/groups × kh × kw)</source>
        <translation>重み  {0}  (out × in/groups × kh × kw)</translation>
    </message>
    <message>
        <source>batch norm  weight {0}, bias {1}</source>
        <translation>バッチ正規化  重み {0}、バイアス {1}</translation>
    </message>
    <message>
        <source>bias  {0}</source>
        <translation>バイアス  {0}</translation>
    </message>
    <message>
        <source>weight  {0}  (out × in)</source>
        <translation>重み  {0}  (out × in)</translation>
    </message>
    <message>
        <source>weight {0}, bias {1}  (+ running mean and variance, not trained)</source>
        <translation>重み {0}、バイアス {1}  （＋移動平均と移動分散、学習しません）</translation>
    </message>
    <message>
        <source>= {0:,} parameters</source>
        <translation>= パラメータ {0:,} 個</translation>
    </message>
</context>
<context>
    <name>FrameHeader</name>
    <message>
        <source>Collapse {0} back into one block (one undoable step)</source>
        <translation>{0} を 1 つのブロックに戻します（1 回で元に戻せます）</translation>
    </message>
</context>
<context>
    <name>GeneratedView</name>
    <message>
        <source>Generated images from fixed noise appear after the first epoch.</source>
        <translation>固定したノイズから生成した画像は、最初のエポックの後に表示されます。</translation>
    </message>
    <message>
        <source>Look back at earlier epochs&apos; samples</source>
        <translation>以前のエポックのサンプルを見返す</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>ウォーク</translation>
    </message>
    <message>
        <source>Images along the line from one seed&apos;s noise to the other&apos;s</source>
        <translation>一方のシードのノイズからもう一方のノイズまでの直線上の画像</translation>
    </message>
    <message>
        <source>The seed of the new samples&apos; noise: the same seed draws the same images</source>
        <translation>新しいサンプルのノイズのシード。同じシードなら同じ画像を生成します</translation>
    </message>
    <message>
        <source>New samples</source>
        <translation>新しいサンプル</translation>
    </message>
    <message>
        <source>A fresh grid from the run&apos;s newest checkpoint</source>
        <translation>この実行の最新のチェックポイントから新しいグリッドを生成します</translation>
    </message>
    <message>
        <source>Latent walk (after the first checkpoint):</source>
        <translation>潜在空間のウォーク（最初のチェックポイントの後）：</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Classifier&apos;s verdict: mean confidence {0:.2f}, {1} of {2} classes, largest class {3:.0%}</source>
        <translation>分類器の判定：平均確信度 {0:.2f}、{2} クラス中 {1} クラス、最大クラスの割合 {3:.0%}</translation>
    </message>
    <message>
        <source>Latent walk between two seeds&apos; noise:</source>
        <translation>2つのシードのノイズの間の潜在空間のウォーク：</translation>
    </message>
    <message>
        <source>New samples from seed {0} (the newest checkpoint)</source>
        <translation>シード {0} からの新しいサンプル（最新のチェックポイント）</translation>
    </message>
    <message>
        <source>Latent walk failed: {0}</source>
        <translation>潜在空間のウォークに失敗しました：{0}</translation>
    </message>
    <message>
        <source>New samples failed: {0}</source>
        <translation>新しいサンプルの生成に失敗しました：{0}</translation>
    </message>
    <message>
        <source>Generated from the same noise: epoch {0} of {1} shown</source>
        <translation>同じノイズから生成：エポック {0}（全 {1}）を表示中</translation>
    </message>
</context>
<context>
    <name>GenerationGroup</name>
    <message>
        <source>Generation</source>
        <translation>画像生成</translation>
    </message>
    <message>
        <source>Non-saturating: DCGAN&apos;s cross-entropy losses. Hinge: D&apos;s margins of ±1, G raises D&apos;s score</source>
        <translation>非飽和: DCGAN の交差エントロピー損失。ヒンジ: D は ±1 のマージンで学習し、G は D のスコアを上げるように学習します</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>A classifier project trained on the real images: it scores each epoch&apos;s samples</source>
        <translation>本物の画像で学習した分類器のプロジェクト。各エポックのサンプルを評価します</translation>
    </message>
    <message>
        <source>The classifier&apos;s trained weights (a checkpoint or .safetensors)</source>
        <translation>分類器の学習済みの重み（チェックポイントまたは .safetensors）</translation>
    </message>
    <message>
        <source>Choose the classifier&apos;s project</source>
        <translation>分類器のプロジェクトを選択</translation>
    </message>
    <message>
        <source>Choose the classifier&apos;s weights</source>
        <translation>分類器の重みを選択</translation>
    </message>
    <message>
        <source>GAN loss</source>
        <translation>GAN の損失</translation>
    </message>
    <message>
        <source>Score with</source>
        <translation>評価する分類器</translation>
    </message>
    <message>
        <source>Its weights</source>
        <translation>その重み</translation>
    </message>
    <message>
        <source>Score classifier</source>
        <translation>評価用の分類器</translation>
    </message>
    <message>
        <source>Score classifier&apos;s weights</source>
        <translation>評価用の分類器の重み</translation>
    </message>
    <message>
        <source>its weights</source>
        <translation>その重み</translation>
    </message>
    <message>
        <source>the classifier&apos;s project</source>
        <translation>分類器のプロジェクト</translation>
    </message>
    <message>
        <source>The score classifier needs {0} too</source>
        <translation>評価用の分類器には {0} も必要です</translation>
    </message>
    <message>
        <source>Save the project first: the classifier is named from the project&apos;s folder</source>
        <translation>先にプロジェクトを保存してください。分類器はプロジェクトのフォルダからの相対パスで指定します</translation>
    </message>
    <message>
        <source>{0} is outside the project&apos;s folder: the training reads it only from there</source>
        <translation>{0} はプロジェクトのフォルダの外にあります。学習ではプロジェクトのフォルダ内からしか読み込みません</translation>
    </message>
</context>
<context>
    <name>GenerationSetup</name>
    <message>
        <source>Non-saturating (DCGAN)</source>
        <translation>非飽和（DCGAN）</translation>
    </message>
    <message>
        <source>Hinge</source>
        <translation>ヒンジ</translation>
    </message>
    <message>
        <source>CNN Studio projects (*.cnn.json);;All files (*)</source>
        <translation>CNN Studio プロジェクト (*.cnn.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.json);;All files (*)</source>
        <translation>重み (*.safetensors *.json);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>GotoBox</name>
    <message>
        <source>Go to block: name or type (layer3.2, downsample, Bottleneck)…</source>
        <translation>ブロックへ移動: 名前または種類（layer3.2、downsample、Bottleneck）…</translation>
    </message>
    <message>
        <source>{0} is inside {1}: Edit → Expand Block (Ctrl+Shift+G) shows its parts</source>
        <translation>{0} は {1} の中にあります: 編集 → ブロックを展開 (Ctrl+Shift+G) で部品が見えます</translation>
    </message>
    <message>
        <source>{0}    ·  {1}, inside {2}</source>
        <translation>{0}    ·  {1}（{2} の中）</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>Move {0} nodes</source>
        <translation>ノード {0} 個を移動</translation>
    </message>
    <message>
        <source>Move 1 node</source>
        <translation>ノード 1 個を移動</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>エクスポート...</translation>
    </message>
</context>
<context>
    <name>HeadDialog</name>
    <message>
        <source>Replace head</source>
        <translation>出力層を置き換え</translation>
    </message>
    <message>
        <source>Number of classes (the last layer before each Classification output gets one output per class):</source>
        <translation>クラス数（各 Classification 出力の直前の層が、クラスごとに 1 つの出力を持ちます）:</translation>
    </message>
    <message>
        <source>No head to replace</source>
        <translation>置き換える出力層がありません</translation>
    </message>
    <message>
        <source>This network has no Linear (or 1×1 Conv) layer feeding a Classification output, nor a Conv feeding a Detection output.</source>
        <translation>このネットワークには、Classification 出力へつながる Linear（または 1×1 Conv）層も、Detection 出力へつながる Conv 層もありません。</translation>
    </message>
</context>
<context>
    <name>HealthLegend</name>
    <message>
        <source>activation mean</source>
        <translation>活性値の平均</translation>
    </message>
    <message>
        <source>activation std</source>
        <translation>活性値の標準偏差</translation>
    </message>
    <message>
        <source>dead ReLU fraction</source>
        <translation>死んだ ReLU の割合</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>勾配ノルム</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation>（対数目盛）</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Add a block after the selected one</source>
        <translation>選択中のブロックの後ろにブロックを追加</translation>
    </message>
    <message>
        <source>double-click it in the palette, or Ctrl+B, type, Enter</source>
        <translation>パレットでダブルクリック、または Ctrl+B、入力、Enter</translation>
    </message>
    <message>
        <source>Insert a block into a wire</source>
        <translation>接続の途中にブロックを挿入</translation>
    </message>
    <message>
        <source>drag it from the palette onto the wire</source>
        <translation>パレットから接続の上へドラッグ</translation>
    </message>
    <message>
        <source>Go to a block by name or type</source>
        <translation>名前や種類でブロックへ移動</translation>
    </message>
    <message>
        <source>Ctrl+P (Ctrl+F on the canvas), type, Enter</source>
        <translation>Ctrl+P（キャンバスでは Ctrl+F）、入力、Enter</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>drag from a port to another block&apos;s port (or onto the block)</source>
        <translation>ポートから別のブロックのポート（またはブロック自体）へドラッグ</translation>
    </message>
    <message>
        <source>Select several</source>
        <translation>複数選択</translation>
    </message>
    <message>
        <source>drag a rubber band on empty canvas; Ctrl+click</source>
        <translation>キャンバスの空き領域で範囲をドラッグ、または Ctrl+クリック</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Nudge the selected blocks</source>
        <translation>選択中のブロックを少し動かす</translation>
    </message>
    <message>
        <source>arrow keys; Shift+arrow for bigger steps</source>
        <translation>矢印キー（Shift+矢印で大きく）</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>表示の移動</translation>
    </message>
    <message>
        <source>middle-drag, or hold Space and drag; Shift+wheel sideways</source>
        <translation>中ボタンでドラッグ、または Space を押しながらドラッグ。Shift+ホイールで横方向</translation>
    </message>
    <message>
        <source>Zoom at the cursor</source>
        <translation>カーソル位置でズーム</translation>
    </message>
    <message>
        <source>mouse wheel; Ctrl+= and Ctrl+-; Ctrl+0 is 100%</source>
        <translation>マウスホイール、Ctrl+= と Ctrl+-。Ctrl+0 で 100%</translation>
    </message>
    <message>
        <source>Fit the network in view (readable) / all of it</source>
        <translation>ネットワークを表示に合わせる（読める大きさ）/ 全体</translation>
    </message>
    <message>
        <source>Auto-layout left to right / top to bottom</source>
        <translation>自動配置: 左から右 / 上から下</translation>
    </message>
    <message>
        <source>Copy, cut, paste, duplicate</source>
        <translation>コピー、切り取り、貼り付け、複製</translation>
    </message>
    <message>
        <source>Delete blocks or wires</source>
        <translation>ブロックや接続を削除</translation>
    </message>
    <message>
        <source>Delete or Backspace</source>
        <translation>Delete または Backspace</translation>
    </message>
    <message>
        <source>Delete a block and reconnect its input to its outputs</source>
        <translation>ブロックを削除し、入力を出力先へつなぎ直す</translation>
    </message>
    <message>
        <source>Rename the selected block</source>
        <translation>選択中のブロックの名前を変更</translation>
    </message>
    <message>
        <source>Edit the selected block&apos;s parameters</source>
        <translation>選択したブロックのパラメータを編集</translation>
    </message>
    <message>
        <source>Go to the Input / the output block</source>
        <translation>入力ブロック / 出力ブロックへ移動</translation>
    </message>
    <message>
        <source>Collapse parts into their block / expand a composite block</source>
        <translation>構成要素をブロックにまとめる / 複合ブロックを展開</translation>
    </message>
    <message>
        <source>Export the model (code, ONNX, weights)</source>
        <translation>モデルをエクスポート（コード、ONNX、重み）</translation>
    </message>
    <message>
        <source>Undo / redo</source>
        <translation>元に戻す / やり直し</translation>
    </message>
    <message>
        <source>New, new from preset, open, save, save as</source>
        <translation>新規、プリセットから新規、開く、保存、名前を付けて保存</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>キーボードとマウス</translation>
    </message>
    <message>
        <source>About CNN Studio</source>
        <translation>CNN Studio について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CNN Studio {0}&lt;/h3&gt;&lt;p&gt;Design convolutional networks as graphs, see every shape live, compile them to PyTorch, train and inspect them.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CNN Studio {0}&lt;/h3&gt;&lt;p&gt;畳み込みニューラルネットワークをグラフとして設計し、すべての形状をその場で確かめ、PyTorch にコンパイルして、学習させ、中を調べられます。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from PyTorch</source>
        <translation>PyTorch からインポート</translation>
    </message>
    <message>
        <source>torchvision.models:resnet18  or  path/to/net.py:Net  or  model.onnx</source>
        <translation>torchvision.models:resnet18  または  path/to/net.py:Net  または  model.onnx</translation>
    </message>
    <message>
        <source>One shape per tensor the module&apos;s forward takes, separated by ; (100,1,1; 1,28,28)</source>
        <translation>モジュールの順伝播が受け取るテンソルごとに 1 つの形状を ; で区切って指定します（100,1,1; 1,28,28）</translation>
    </message>
    <message>
        <source>Trace torchvision&apos;s blocks into single layers</source>
        <translation>torchvision のブロックを個々の層までトレースする</translation>
    </message>
    <message>
        <source>The callable is called with no arguments and must return an nn.Module.</source>
        <translation>呼び出し可能オブジェクトは引数なしで呼ばれ、nn.Module を返す必要があります。</translation>
    </message>
    <message>
        <source>An ONNX file brings its own input size when it fixes one.</source>
        <translation>ONNX ファイルに入力サイズが固定されていれば、そのサイズを使います。</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>モジュール</translation>
    </message>
    <message>
        <source>Input C,H,W</source>
        <translation>入力 C,H,W</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>インポートできません</translation>
    </message>
    <message>
        <source>input must look like 3,224,224 (one shape per input, separated by ;), got {0!r}</source>
        <translation>入力は 3,224,224 のような形で指定してください（入力ごとに 1 つの形状を ; で区切る）。指定された値: {0!r}</translation>
    </message>
    <message>
        <source>an ONNX file takes one input shape</source>
        <translation>ONNX ファイルに指定できる入力形状は 1 つだけです</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>{0} をインポート中…</translation>
    </message>
    <message>
        <source>Import of {0} cancelled: the project is as it was</source>
        <translation>{0} の取り込みを取り消しました: プロジェクトは元のままです</translation>
    </message>
</context>
<context>
    <name>InceptionPage</name>
    <message>
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>max 3×3</source>
        <translation>最大 3×3</translation>
    </message>
    <message>
        <source>stride {0}</source>
        <translation>ストライド {0}</translation>
    </message>
</context>
<context>
    <name>InputColumn</name>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt;</source>
        <translation>&lt;b&gt;入力&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Grad-CAM at</source>
        <translation>Grad-CAM の層</translation>
    </message>
    <message>
        <source>Overlay where the chosen class finds its evidence (Grad-CAM)</source>
        <translation>選んだクラスの根拠となる領域を重ねて表示します（Grad-CAM）</translation>
    </message>
    <message>
        <source>The convolution whose feature maps Grad-CAM weighs</source>
        <translation>Grad-CAM が特徴マップを重み付けする畳み込み層</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Overlay the detection head&apos;s heat map of the chosen class: its peaks are the objects&apos; centres</source>
        <translation>選んだクラスについて検出ヘッドのヒートマップを重ねます。ピークが物体の中心です</translation>
    </message>
    <message>
        <source>Boxes</source>
        <translation>ボックス</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Pick a box to see the heat map of its class</source>
        <translation>ボックスを選ぶと、そのクラスのヒートマップを表示します</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>Pick a class to see where Grad-CAM finds evidence for it</source>
        <translation>クラスを選ぶと、Grad-CAM がその根拠を見つけた場所を表示します</translation>
    </message>
</context>
<context>
    <name>InsightController</name>
    <message>
        <source>Select a block on the canvas to see its feature maps.</source>
        <translation>キャンバスでブロックを選択すると、その特徴マップを表示します。</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特徴マップ</translation>
    </message>
    <message>
        <source>Load Checkpoint into Feature Maps…</source>
        <translation>チェックポイントを特徴マップに読み込む…</translation>
    </message>
    <message>
        <source>Layer &amp;Health</source>
        <translation>層の健全性(&amp;H)</translation>
    </message>
    <message>
        <source>Colour Blocks by Layer Health</source>
        <translation>層の健全性でブロックを色分け</translation>
    </message>
    <message>
        <source>The network has errors: fix them (Problems panel) to see its feature maps.</source>
        <translation>ネットワークにエラーがあります。特徴マップを見るには、まずエラーを修正してください（問題パネル）。</translation>
    </message>
    <message>
        <source>Compiling the network…</source>
        <translation>ネットワークをコンパイル中…</translation>
    </message>
    <message>
        <source>Cancelled: select a block to compile the network again.</source>
        <translation>中止しました。ブロックを選択するとネットワークを再びコンパイルします。</translation>
    </message>
    <message>
        <source>Cannot compile the network: {0}</source>
        <translation>ネットワークをコンパイルできません: {0}</translation>
    </message>
    <message>
        <source>Load checkpoint into feature maps</source>
        <translation>チェックポイントを特徴マップに読み込む</translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.pt *.pth)</source>
        <translation>重み (*.safetensors *.pt *.pth)</translation>
    </message>
    <message>
        <source>Cannot read the activation snapshot {0}: {1}</source>
        <translation>活性値のスナップショット {0} を読み込めません: {1}</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>The module name in the compiled model (a dotted Python path like layer1.0.conv1)</source>
        <translation>コンパイルしたモデルでのモジュール名（layer1.0.conv1 のようなドット区切りの Python パス）</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>Frozen (weights are not trained)</source>
        <translation>凍結（重みを学習しません）</translation>
    </message>
    <message>
        <source>Right-click a block on the canvas and choose “Freeze up to here” to freeze its inputs too</source>
        <translation>入力側の層もまとめて凍結するには、キャンバスでブロックを右クリックして「ここまで凍結」を選んでください</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>入力 {0}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>{0} pixels, stride {1}</source>
        <translation>{0} px、ストライド {1}</translation>
    </message>
    <message>
        <source>receptive field</source>
        <translation>受容野</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>積和演算数</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>出力サイズ</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>{0} — kept {1}</source>
        <translation>{0} — {1} のままにしました</translation>
    </message>
    <message>
        <source>a dotted Python path like conv1, features.0 or layer1.0.conv1</source>
        <translation>conv1、features.0、layer1.0.conv1 のようなドット区切りの Python パスにしてください</translation>
    </message>
    <message>
        <source>{0!r} is already the name of another block</source>
        <translation>{0!r} は既に別のブロックの名前です</translation>
    </message>
    <message>
        <source>the name {0!r} is not {1}</source>
        <translation>名前 {0!r} は {1} ではありません</translation>
    </message>
    <message>
        <source>{0} blocks selected</source>
        <translation>ブロック {0} 個を選択中</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>Right-click for Freeze up to here, Collapse, Copy, Duplicate, Delete.</source>
        <translation>右クリックで「ここまで凍結」、まとめる、コピー、複製、削除ができます。</translation>
    </message>
    <message>
        <source>blocks</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <source>trainable</source>
        <translation>学習対象</translation>
    </message>
    <message>
        <source>MACs per image</source>
        <translation>画像 1 枚あたりの積和演算数（MACs）</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Double-click a block in the palette to add it after the selected block (wired up), or drag it onto the canvas. Drag from a port to connect. Select a block to edit it.</source>
        <translation>パレットのブロックをダブルクリックすると、選択中のブロックの後ろに接続して追加します。キャンバスへドラッグしても追加できます。ポートからドラッグすると接続でき、ブロックを選択すると編集できます。</translation>
    </message>
</context>
<context>
    <name>Install</name>
    <message>
        <source>Cannot compile the network: {0}</source>
        <translation>ネットワークをコンパイルできません: {0}</translation>
    </message>
    <message>
        <source>Untrained weights (train the network or load a checkpoint to see what it learnt).</source>
        <translation>未学習の重みです（学習した内容を見るには、ネットワークを学習させるかチェックポイントを読み込んでください）。</translation>
    </message>
    <message>
        <source>Weights from {0}/{1}</source>
        <translation>重み: {0}/{1}</translation>
    </message>
    <message>
        <source>Untrained weights: {0} could not be read ({1}).</source>
        <translation>未学習の重みです: {0} を読み込めませんでした（{1}）。</translation>
    </message>
    <message>
        <source>{0} No sample images: {1}</source>
        <translation>{0} サンプル画像がありません: {1}</translation>
    </message>
</context>
<context>
    <name>InvariancePage</name>
    <message>
        <source>Shift right</source>
        <translation>右へ移動</translation>
    </message>
    <message>
        <source>Shift down</source>
        <translation>下へ移動</translation>
    </message>
    <message>
        <source>digit </source>
        <translation>数字 </translation>
    </message>
    <message>
        <source>Input, shifted ({0}, {1})</source>
        <translation>入力（移動量 {0}, {1}）</translation>
    </message>
    <message>
        <source>Feature map (3×3 edge filter, ReLU)</source>
        <translation>特徴マップ（3×3 エッジフィルタ、ReLU）</translation>
    </message>
    <message>
        <source>Strongest response {0} at row {1}, column {2}: it moves with the digit, its value does not</source>
        <translation>最も強い反応 {0}（{1} 行 {2} 列）：位置は数字とともに動き、値は変わりません</translation>
    </message>
    <message>
        <source>Open the Feature maps dock (with a trained checkpoint) to see your network classify each shift</source>
        <translation>特徴マップドックを開くと（学習済みのチェックポイントで）、移動ごとにあなたのネットワークの分類が表示されます</translation>
    </message>
    <message>
        <source>Your network is classifying the shifted digit…</source>
        <translation>あなたのネットワークが移動した数字を分類しています…</translation>
    </message>
    <message>
        <source>Your network could not classify this image</source>
        <translation>あなたのネットワークはこの画像を分類できませんでした</translation>
    </message>
    <message>
        <source>Your network&apos;s prediction for this shift: {0} ({1})</source>
        <translation>この移動でのあなたのネットワークの予測：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>KernelView</name>
    <message>
        <source>Select a convolution node to see its kernels.</source>
        <translation>畳み込みノードを選択すると、そのカーネルを表示します。</translation>
    </message>
    <message>
        <source>{0} filters · {1}×{2} · RGB, each filter stretched to its own range</source>
        <translation>フィルタ {0} 個 · {1}×{2} · RGB、各フィルタをそれぞれの範囲で正規化</translation>
    </message>
    <message>
        <source> (showing {0} × {1})</source>
        <translation>（{0} × {1} を表示）</translation>
    </message>
    <message>
        <source>{0} filters × {1} input channels</source>
        <translation>フィルタ {0} 個 × 入力チャンネル {1}</translation>
    </message>
    <message>
        <source>{0} filters × 1 input channel</source>
        <translation>フィルタ {0} 個 × 入力チャンネル 1</translation>
    </message>
    <message>
        <source>{0} · {1}×{2}{3} · blue negative, white zero, red positive</source>
        <translation>{0} · {1}×{2}{3} · 青は負、白はゼロ、赤は正</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}&lt;br&gt;weights {2:.3g} … {3:.3g}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1}&lt;br&gt;重み {2:.3g} … {3:.3g}</translation>
    </message>
    <message>
        <source>Click a tile to name it.</source>
        <translation>タイルをクリックすると、その名前を表示します。</translation>
    </message>
    <message>
        <source>filter {0}, tap ({1}, {2})</source>
        <translation>フィルタ {0}、位置 ({1}, {2})</translation>
    </message>
    <message>
        <source>filter {0}, input channel {1}, tap ({2}, {3}): {4}</source>
        <translation>フィルタ {0}、入力チャンネル {1}、位置 ({2}, {3}): {4}</translation>
    </message>
    <message>
        <source>{0:+.2f} of the filter&apos;s largest |weight|</source>
        <translation>フィルタ内の最大 |重み| の {0:+.2f} 倍</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Lan&amp;guage</source>
        <translation>言語(&amp;G)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>CNN Studio shows {0} after a restart. Restart now?</source>
        <translation>再起動すると CNN Studio は {0} で表示されます。今すぐ再起動しますか？</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>今すぐ再起動</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>後で</translation>
    </message>
</context>
<context>
    <name>LearnController</name>
    <message>
        <source>Learn</source>
        <translation>解説</translation>
    </message>
    <message>
        <source>Lear&amp;n</source>
        <translation>解説(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Concepts</source>
        <translation>概念の解説(&amp;C)</translation>
    </message>
    <message>
        <source>Each concept of convolutional networks, on the selected block</source>
        <translation>畳み込みニューラルネットワークの各概念を、選択中のブロックで解説します</translation>
    </message>
    <message>
        <source>Predicting…</source>
        <translation>予測しています…</translation>
    </message>
</context>
<context>
    <name>LearnPanel</name>
    <message>
        <source>Concepts of convolutional networks, explained on the selected block</source>
        <translation>畳み込みニューラルネットワークの概念を、選択中のブロックで解説します</translation>
    </message>
</context>
<context>
    <name>LoadWeightsDialog</name>
    <message>
        <source>Load weights</source>
        <translation>重みを読み込む</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} of this network&apos;s {2} tensors load</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: このネットワークのテンソル {2} 個のうち {1} 個を読み込めます</translation>
    </message>
    <message>
        <source>{0} matched · {1} skipped (different shape) · {2} missing from the file · {3} not used</source>
        <translation>一致 {0} · スキップ {1}（形状が違う） · ファイルにない {2} · 未使用 {3}</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>テンソル</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Skipped: different shape (keeps fresh values)</source>
        <translation>スキップ: 形状が違う（初期値のまま）</translation>
    </message>
    <message>
        <source>Missing from the file (keeps fresh values)</source>
        <translation>ファイルにない（初期値のまま）</translation>
    </message>
    <message>
        <source>In the file, not in this network (not used)</source>
        <translation>ファイルにあるがネットワークにない（使いません）</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Freeze the {0} blocks that feed the new layers (train only those)</source>
        <translation>新しい層へつながるブロック {0} 個を凍結する（新しい層だけを学習）</translation>
    </message>
    <message>
        <source>Freeze the loaded layers (nothing to freeze: every layer loaded)</source>
        <translation>読み込んだ層を凍結する（すべての層を読み込んだため、凍結するものはありません）</translation>
    </message>
    <message>
        <source>Training starts from these weights; layers that did not load start from fresh random values. Freezing is an ordinary edit: undo it, or use Unfreeze on the canvas.</source>
        <translation>学習はこの重みから始まります。読み込めなかった層は新しい乱数の初期値から始まります。凍結は通常の編集です。元に戻すか、キャンバスで凍結を解除できます。</translation>
    </message>
    <message>
        <source>Use for training</source>
        <translation>学習に使う</translation>
    </message>
</context>
<context>
    <name>Looks</name>
    <message>
        <source>unknown block type</source>
        <translation>不明なブロックの種類</translation>
    </message>
    <message>
        <source>
Frozen: its weights are not trained.</source>
        <translation>
凍結: 重みを学習しません。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Blocks</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>全体図</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>インスペクタ</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>A blank canvas</source>
        <translation>空のキャンバス</translation>
    </message>
    <message>
        <source>New from &amp;Preset…</source>
        <translation>プリセットから新規作成(&amp;P)…</translation>
    </message>
    <message>
        <source>Start from a classic architecture</source>
        <translation>代表的なアーキテクチャから始めます</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .cnn.json project</source>
        <translation>.cnn.json プロジェクトを開きます</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>プロジェクトを保存します</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Save under a new name</source>
        <translation>新しい名前で保存します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>元に戻す (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>やり直し (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>複製(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>削除(&amp;L)</translation>
    </message>
    <message>
        <source>Delete and Reco&amp;nnect</source>
        <translation>削除して接続し直す(&amp;N)</translation>
    </message>
    <message>
        <source>Delete the selected blocks and wire what fed them to what they fed</source>
        <translation>選択中のブロックを削除し、その入力元を出力先へつなぎ直します</translation>
    </message>
    <message>
        <source>Nudge Left</source>
        <translation>左へ少し移動</translation>
    </message>
    <message>
        <source>Nudge Right</source>
        <translation>右へ少し移動</translation>
    </message>
    <message>
        <source>Nudge Up</source>
        <translation>上へ少し移動</translation>
    </message>
    <message>
        <source>Nudge Down</source>
        <translation>下へ少し移動</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>R&amp;ename Block</source>
        <translation>ブロック名を変更(&amp;E)</translation>
    </message>
    <message>
        <source>Type a new name for the selected block in the inspector</source>
        <translation>選択中のブロックの新しい名前をインスペクタで入力します</translation>
    </message>
    <message>
        <source>Edit Para&amp;meters</source>
        <translation>パラメータを編集(&amp;M)</translation>
    </message>
    <message>
        <source>Type in the selected block&apos;s first parameter in the inspector</source>
        <translation>選択したブロックの最初のパラメータをインスペクタで入力します</translation>
    </message>
    <message>
        <source>Go to &amp;Input</source>
        <translation>入力へ移動(&amp;I)</translation>
    </message>
    <message>
        <source>Select the network&apos;s Input block and bring it into view</source>
        <translation>ネットワークの入力ブロックを選択して表示します</translation>
    </message>
    <message>
        <source>Go to Output</source>
        <translation>出力へ移動</translation>
    </message>
    <message>
        <source>Select the network&apos;s output block and bring it into view</source>
        <translation>ネットワークの出力ブロックを選択して表示します</translation>
    </message>
    <message>
        <source>&amp;Freeze up to Selection</source>
        <translation>選択まで凍結(&amp;F)</translation>
    </message>
    <message>
        <source>Freeze the selected block and everything that feeds it</source>
        <translation>選択中のブロックと、その入力側のすべてを凍結します</translation>
    </message>
    <message>
        <source>Unfree&amp;ze up to Selection</source>
        <translation>選択まで凍結を解除(&amp;Z)</translation>
    </message>
    <message>
        <source>Replace &amp;Head…</source>
        <translation>出力層を置き換え(&amp;H)…</translation>
    </message>
    <message>
        <source>Give the classification head(s) a new number of classes (transfer learning)</source>
        <translation>分類の出力層に新しいクラス数を設定します（転移学習）</translation>
    </message>
    <message>
        <source>E&amp;xpand Block</source>
        <translation>ブロックを展開(&amp;X)</translation>
    </message>
    <message>
        <source>Replace the selected composite block by its parts</source>
        <translation>選択中の複合ブロックを構成要素に置き換えます</translation>
    </message>
    <message>
        <source>C&amp;ollapse into Block</source>
        <translation>ブロックにまとめる(&amp;O)</translation>
    </message>
    <message>
        <source>Replace the selected parts of an expanded block by the block</source>
        <translation>展開したブロックの選択中の構成要素を、元のブロックに置き換えます</translation>
    </message>
    <message>
        <source>Search &amp;Blocks to Add</source>
        <translation>追加するブロックを検索(&amp;B)</translation>
    </message>
    <message>
        <source>Search the palette</source>
        <translation>パレットを検索します</translation>
    </message>
    <message>
        <source>&amp;Go to Block…</source>
        <translation>ブロックへ移動(&amp;G)…</translation>
    </message>
    <message>
        <source>Find a block on the canvas by name or type</source>
        <translation>キャンバス上のブロックを名前や種類で探します</translation>
    </message>
    <message>
        <source>Find on Canvas</source>
        <translation>キャンバスで検索</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>全体を表示(&amp;F)</translation>
    </message>
    <message>
        <source>Show the network, as much as stays readable (scroll for the rest)</source>
        <translation>読める大きさの範囲でネットワークを表示します（残りはスクロール）</translation>
    </message>
    <message>
        <source>Fit &amp;Everything</source>
        <translation>すべてを表示(&amp;E)</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>ネットワーク全体を表示します</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>実際のサイズ(&amp;A)</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Left to Right</source>
        <translation>左から右へ自動配置(&amp;L)</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Top to Bottom</source>
        <translation>上から下へ自動配置(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reset Window Layout</source>
        <translation>ウィンドウの配置をリセット(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard and Mouse</source>
        <translation>キーボードとマウス(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About CNN Studio</source>
        <translation>CNN Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Layout →</source>
        <translation>配置 →</translation>
    </message>
    <message>
        <source>Layout ↓</source>
        <translation>配置 ↓</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>拡大 +</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>縮小 −</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体</translation>
    </message>
    <message>
        <source>Problems ({0})</source>
        <translation>問題 ({0})</translation>
    </message>
    <message>
        <source>Select one block: it and everything that feeds it will be (un)frozen</source>
        <translation>ブロックを 1 つ選択してください。そのブロックと入力側のすべてを凍結（または解除）します</translation>
    </message>
    <message>
        <source>Select one block to rename it</source>
        <translation>名前を変更するブロックを 1 つ選択してください</translation>
    </message>
    <message>
        <source>Select one block to edit its parameters</source>
        <translation>パラメータを編集するブロックを1つ選択してください</translation>
    </message>
    <message>
        <source>Select one composite block (Residual, Inception, Conv-BN-ReLU) to expand</source>
        <translation>展開する複合ブロック（Residual、Inception、Conv-BN-ReLU）を 1 つ選択してください</translation>
    </message>
    <message>
        <source>{0}[*] — CNN Studio</source>
        <translation>{0}[*] — CNN Studio</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>一覧を消去</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>The whole network: click or drag to move the canvas there</source>
        <translation>ネットワーク全体の図です。クリックまたはドラッグでキャンバスの表示位置を移動します</translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>{0} must be {1}, got {2!r}</source>
        <translation>{0} は{1}で指定してください（入力値: {2!r}）</translation>
    </message>
    <message>
        <source>{0} must be from {1} to {2}, got {3!r}</source>
        <translation>{0} は {1} から {2} の範囲で指定してください（入力値: {3!r}）</translation>
    </message>
</context>
<context>
    <name>PoolingPage</name>
    <message>
        <source>Step ▶</source>
        <translation>ステップ ▶</translation>
    </message>
    <message>
        <source>Move the window to the next output position</source>
        <translation>窓を次の出力位置へ動かします</translation>
    </message>
    <message>
        <source>A feature map of {0} (channel 1, top-left {1}×{1}), from the Feature maps dock</source>
        <translation>{0} の特徴マップ（チャンネル1、左上 {1}×{1}）、特徴マップドックから</translation>
    </message>
    <message>
        <source>A digit from the bundled sample data (values 0–16); open the Feature maps dock for a real feature map</source>
        <translation>同梱のサンプルデータの数字（値 0〜16）。実際の特徴マップを使うには特徴マップドックを開いてください</translation>
    </message>
    <message>
        <source>Input {0}×{0}</source>
        <translation>入力 {0}×{0}</translation>
    </message>
    <message>
        <source>Max {0}×{0}</source>
        <translation>最大 {0}×{0}</translation>
    </message>
    <message>
        <source>Average {0}×{0}</source>
        <translation>平均 {0}×{0}</translation>
    </message>
</context>
<context>
    <name>PortItem</name>
    <message>
        <source>input {0}</source>
        <translation>入力 {0}</translation>
    </message>
    <message>
        <source>output: drag to another block&apos;s input</source>
        <translation>出力: 別のブロックの入力へドラッグしてください</translation>
    </message>
    <message>
        <source>output {0}: drag to another block&apos;s input</source>
        <translation>出力 {0}: 別のブロックの入力へドラッグしてください</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <source>Prediction</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>Pick a class to see where Grad-CAM finds evidence for it</source>
        <translation>クラスを選ぶと、Grad-CAM がその根拠を見つけた場所を表示します</translation>
    </message>
</context>
<context>
    <name>PreflightBox</name>
    <message>
        <source>Before training: </source>
        <translation>学習の前に: </translation>
    </message>
    <message>
        <source>Give the classification head(s) {0} outputs (undoable), then train</source>
        <translation>分類の出力層の出力を {0} にしてから学習する（元に戻せます）</translation>
    </message>
    <message>
        <source>Change the Input block&apos;s shape to the data&apos;s (undoable), then train</source>
        <translation>Input ブロックの形状をデータに合わせてから学習する（元に戻せます）</translation>
    </message>
    <message>
        <source>Train as the message says</source>
        <translation>メッセージのとおりに学習する</translation>
    </message>
</context>
<context>
    <name>PresetFamily</name>
    <message>
        <source>classic</source>
        <translation>古典的な CNN</translation>
    </message>
    <message>
        <source>detection</source>
        <translation>物体検出</translation>
    </message>
    <message>
        <source>generative</source>
        <translation>画像生成</translation>
    </message>
    <message>
        <source>image-to-image</source>
        <translation>画像から画像</translation>
    </message>
</context>
<context>
    <name>PresetGallery</name>
    <message>
        <source>New from preset</source>
        <translation>プリセットから新規作成</translation>
    </message>
    <message>
        <source>{0} blocks · {1} parameters · {2} MACs per image</source>
        <translation>ブロック {0} 個 · パラメータ {1} · 画像 1 枚あたり {2} MACs</translation>
    </message>
    <message>
        <source>{0} classes</source>
        <translation>{0} クラス</translation>
    </message>
    <message>
        <source>image to image</source>
        <translation>画像から画像</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;margin:0&apos;&gt;{0}&lt;/h3&gt;&lt;p&gt;{1}&lt;/p&gt;&lt;p style=&apos;color:#6b7280&apos;&gt;input {2} · {3} · {4}&lt;/p&gt;&lt;p&gt;{5}&lt;/p&gt;</source>
        <translation>&lt;h3 style=&apos;margin:0&apos;&gt;{0}&lt;/h3&gt;&lt;p&gt;{1}&lt;/p&gt;&lt;p style=&apos;color:#6b7280&apos;&gt;入力 {2} · {3} · {4}&lt;/p&gt;&lt;p&gt;{5}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PreviewWidgets</name>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Block</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>(network)</source>
        <translation>（ネットワーク）</translation>
    </message>
    <message>
        <source>No problems: every shape checks out.</source>
        <translation>問題はありません。すべての形状が整合しています。</translation>
    </message>
    <message>
        <source>{0} (one undoable step)</source>
        <translation>{0}（1 回で元に戻せます）</translation>
    </message>
</context>
<context>
    <name>ProcessTask</name>
    <message>
        <source>cannot start {0}: {1}</source>
        <translation>{0} を起動できません: {1}</translation>
    </message>
    <message>
        <source>the export process ended with code {0}</source>
        <translation>エクスポートのプロセスが終了コード {0} で終了しました</translation>
    </message>
</context>
<context>
    <name>ResidualPage</name>
    <message>
        <source>{0}, stride {1}</source>
        <translation>{0}、ストライド {1}</translation>
    </message>
</context>
<context>
    <name>Runs</name>
    <message>
        <source>{0:,} parameters</source>
        <translation>パラメータ {0:,} 個</translation>
    </message>
    <message>
        <source>{0:,} of {1:,} parameters</source>
        <translation>パラメータ {1:,} 個のうち {0:,} 個</translation>
    </message>
    <message>
        <source>, resumed at epoch {0}</source>
        <translation>、エポック {0} から再開</translation>
    </message>
    <message>
        <source>Training {0} on {1}: {2}, {3:,} training / {4:,} validation images{5}</source>
        <translation>{1} で{0}を学習中: {2}、学習画像 {3:,} 枚 / 検証画像 {4:,} 枚{5}</translation>
    </message>
    <message>
        <source>Epoch {0}/{1}: val loss {2:.4f}</source>
        <translation>エポック {0}/{1}: 検証損失 {2:.4f}</translation>
    </message>
    <message>
        <source>val accuracy {0}</source>
        <translation>検証正解率 {0}</translation>
    </message>
    <message>
        <source>mAP@0.5 {0:.3f} · mAP@[.5:.95] {1:.3f}</source>
        <translation>mAP@0.5 {0:.3f} · mAP@[.5:.95] {1:.3f}</translation>
    </message>
    <message>
        <source>Finished at epoch {0}: val accuracy {1}</source>
        <translation>{0} エポック完了: 検証正解率 {1}</translation>
    </message>
    <message>
        <source> (best {0} at epoch {1})</source>
        <translation>（最良はエポック {1} の {0}）</translation>
    </message>
    <message>
        <source>Finished at epoch {0}: best mAP@0.5 {1:.3f} at epoch {2}</source>
        <translation>{0} エポック完了：最良の mAP@0.5 {1:.3f}（エポック {2}）</translation>
    </message>
    <message>
        <source>Finished at epoch {0}: val loss {1:.5f}</source>
        <translation>{0} エポック完了: 検証損失 {1:.5f}</translation>
    </message>
    <message>
        <source>Finished at epoch {0}</source>
        <translation>{0} エポック完了</translation>
    </message>
    <message>
        <source>{0} in {1}</source>
        <translation>{0}（所要時間 {1}）</translation>
    </message>
    <message>
        <source>in epoch {0} after batch {1}</source>
        <translation>エポック {0} のバッチ {1} の後</translation>
    </message>
    <message>
        <source>after epoch {0}</source>
        <translation>エポック {0} の後</translation>
    </message>
    <message>
        <source>; Resume continues from its checkpoint</source>
        <translation>。再開するとそのチェックポイントから続けます</translation>
    </message>
    <message>
        <source>; no checkpoint was written</source>
        <translation>。チェックポイントは書き込まれていません</translation>
    </message>
    <message>
        <source>Stopped {0}{1}</source>
        <translation>{0}に停止しました{1}</translation>
    </message>
    <message>
        <source>This run&apos;s record cannot be saved: {0}</source>
        <translation>この実行の記録を保存できません: {0}</translation>
    </message>
</context>
<context>
    <name>RunsPlot</name>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Validation accuracy %</source>
        <translation>検証正解率 %</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <source>Training loss (smoothed)</source>
        <translation>学習損失（平滑化）</translation>
    </message>
    <message>
        <source>Validation mAP@0.5 %</source>
        <translation>検証 mAP@0.5 %</translation>
    </message>
    <message>
        <source>Tick runs in the list to compare their curves</source>
        <translation>一覧で実行にチェックを入れると、曲線を比較できます</translation>
    </message>
    <message>
        <source>The ticked runs have no {0}: choose another figure above</source>
        <translation>チェックした実行には {0} がありません: 上で別の指標を選んでください</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Save trained weights as</source>
        <translation>学習済みの重みを名前を付けて保存</translation>
    </message>
    <message>
        <source>Weights (*.safetensors)</source>
        <translation>重み (*.safetensors)</translation>
    </message>
    <message>
        <source>leads outside its run&apos;s folder</source>
        <translation>実行のフォルダーの外を指しています</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Best validation</source>
        <translation>最良の検証結果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Train this run on from its last checkpoint</source>
        <translation>この実行を最後のチェックポイントから続けて学習します</translation>
    </message>
    <message>
        <source>Save trained weights as…</source>
        <translation>学習済みの重みを名前を付けて保存…</translation>
    </message>
    <message>
        <source>Copy this run&apos;s best weights (its last when none were best)</source>
        <translation>この実行の最良の重みをコピーします（最良のものがなければ最後の重み）</translation>
    </message>
    <message>
        <source>Use for Feature maps</source>
        <translation>特徴マップに使う</translation>
    </message>
    <message>
        <source>Show this run&apos;s weights in the Feature maps view</source>
        <translation>この実行の重みを特徴マップのビューで表示します</translation>
    </message>
    <message>
        <source>Use for Export</source>
        <translation>エクスポートに使う</translation>
    </message>
    <message>
        <source>Export the network with this run&apos;s weights</source>
        <translation>この実行の重みでネットワークをエクスポートします</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Give this run a name of your own (F2)</source>
        <translation>この実行に好きな名前を付けます (F2)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Delete this run&apos;s folder and everything in it</source>
        <translation>この実行のフォルダを中身ごと削除します</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>This project is not saved: its runs are kept in {0}</source>
        <translation>このプロジェクトは保存されていません。実行履歴は {0} に保存されます</translation>
    </message>
    <message>
        <source>Runs of {0}, kept in {1}</source>
        <translation>{0} の実行履歴（保存先: {1}）</translation>
    </message>
    <message>
        <source>cannot be used: {0}</source>
        <translation>使用できません: {0}</translation>
    </message>
    <message>
        <source>accuracy {0}</source>
        <translation>正解率 {0}</translation>
    </message>
    <message>
        <source>mAP@0.5 {0:.3f}</source>
        <translation>mAP@0.5 {0:.3f}</translation>
    </message>
    <message>
        <source>loss {0:.4f}</source>
        <translation>損失 {0:.4f}</translation>
    </message>
    <message>
        <source>{0} (epoch {1})</source>
        <translation>{0}（エポック {1}）</translation>
    </message>
    <message>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cannot rename the run: {0}</source>
        <translation>実行の名前を変更できません: {0}</translation>
    </message>
    <message>
        <source>Cannot save the weights: {0}</source>
        <translation>重みを保存できません: {0}</translation>
    </message>
    <message>
        <source>Cannot save the weights</source>
        <translation>重みを保存できません</translation>
    </message>
    <message>
        <source>Saving the weights of {0}…</source>
        <translation>{0} の重みを保存しています…</translation>
    </message>
    <message>
        <source>Saved the weights of {0} as {1}</source>
        <translation>{0} の重みを {1} として保存しました</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>実行を削除</translation>
    </message>
    <message>
        <source>Delete the run {0} with its checkpoints and curves? This cannot be undone.</source>
        <translation>実行 {0} をチェックポイントや曲線ごと削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Cannot delete the run: {0}</source>
        <translation>実行を削除できません: {0}</translation>
    </message>
    <message>
        <source>Deleted the run {0}</source>
        <translation>実行 {0} を削除しました</translation>
    </message>
</context>
<context>
    <name>SampleGrid</name>
    <message>
        <source>Sample predictions appear after the first epoch.</source>
        <translation>予測のサンプルは最初のエポックの後に表示されます。</translation>
    </message>
    <message>
        <source>true {0}</source>
        <translation>正解 {0}</translation>
    </message>
    <message>
        <source>Validation images: prediction below, mistakes first ({0} shown)</source>
        <translation>検証画像: 下に予測、誤りを先に表示（{0} 枚）</translation>
    </message>
    <message>
        <source>Validation images: prediction below (no mistakes among these)</source>
        <translation>検証画像: 下に予測（この中に誤りはありません）</translation>
    </message>
    <message>
        <source>No validation samples.</source>
        <translation>検証サンプルがありません。</translation>
    </message>
    <message>
        <source>{0} found · {1} true</source>
        <translation>検出 {0} · 正解 {1}</translation>
    </message>
    <message>
        <source>match {0:.0f}%</source>
        <translation>一致 {0:.0f}%</translation>
    </message>
    <message>
        <source>Validation images, worst first: predicted boxes (class, score), true boxes dashed</source>
        <translation>検証画像（悪い順）：予測したボックス（クラス、スコア）、正解のボックスは破線</translation>
    </message>
    <message>
        <source>Validation images: input (left) and the network&apos;s reconstruction (right)</source>
        <translation>検証画像: 入力（左）とネットワークによる再構成（右）</translation>
    </message>
    <message>
        <source>No reconstructions.</source>
        <translation>再構成がありません。</translation>
    </message>
</context>
<context>
    <name>SetupForm</name>
    <message>
        <source>Constant</source>
        <translation>一定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>ステップ減衰</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>コサイン</translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation>ワンサイクル</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Standardize (data mean/std)</source>
        <translation>標準化（データの平均/標準偏差）</translation>
    </message>
    <message>
        <source>ImageNet mean/std</source>
        <translation>ImageNet の平均/標準偏差</translation>
    </message>
    <message>
        <source>None ([0, 1])</source>
        <translation>なし ([0, 1])</translation>
    </message>
    <message>
        <source>SGD&apos;s momentum (Adam and AdamW keep their own running averages)</source>
        <translation>SGD のモーメンタム（Adam と AdamW は独自の移動平均を持ちます）</translation>
    </message>
    <message>
        <source>L2 penalty on the weights, e.g. 0, 1e-4 or 5e-4 (AdamW: decoupled)</source>
        <translation>重みへの L2 ペナルティ（例: 0、1e-4、5e-4。AdamW では分離型）</translation>
    </message>
    <message>
        <source>The initial weights, the split, the order and the augmentation come from this seed</source>
        <translation>重みの初期値、データの分割、順序、データ拡張はこのシードから決まります</translation>
    </message>
    <message>
        <source>auto: CUDA, then MPS, then the CPU</source>
        <translation>自動: CUDA、MPS、CPU の順に使えるものを選びます</translation>
    </message>
    <message>
        <source>⅓ of the run</source>
        <translation>全体の ⅓</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> エポック</translation>
    </message>
    <message>
        <source>Step decay: multiply the learning rate by gamma this often</source>
        <translation>ステップ減衰: この間隔で学習率に gamma を掛けます</translation>
    </message>
    <message>
        <source>The share held out for validation when the data has no validation set</source>
        <translation>データに検証セットがない場合に検証用に取り分ける割合</translation>
    </message>
    <message>
        <source>each head&apos;s own</source>
        <translation>各出力層の設定</translation>
    </message>
    <message>
        <source>Spread this much target mass over the other classes (overrides the heads)</source>
        <translation>正解の確率のうちこの割合を他のクラスへ分配します（出力層の設定より優先）</translation>
    </message>
    <message>
        <source>Automatic: standardize, but keep [0, 1] when a head rebuilds the input</source>
        <translation>自動: 標準化します。ただし出力層が入力を再構成する場合は [0, 1] のままにします</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Image-loading processes for folder data</source>
        <translation>フォルダのデータで画像を読み込むプロセスの数</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Pad by this many pixels, then crop back at a random offset</source>
        <translation>この画素数だけパディングしてから、ランダムな位置で元の大きさに切り出します</translation>
    </message>
    <message>
        <source>Flip left–right</source>
        <translation>左右反転</translation>
    </message>
    <message>
        <source>Rotate by a random angle up to ± this</source>
        <translation>最大 ± この角度の範囲でランダムに回転します</translation>
    </message>
    <message>
        <source>Zoom by a random factor between these two</source>
        <translation>この 2 つの間のランダムな倍率で拡大縮小します</translation>
    </message>
    <message>
        <source>Other random augmentations</source>
        <translation>別のランダムなデータ拡張</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>最適化</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>モーメンタム</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>重み減衰</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Step every</source>
        <translation>減衰の間隔</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>ガンマ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>ラベル平滑化</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>正規化</translation>
    </message>
    <message>
        <source>Loaders</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>データ拡張</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>平行移動</translation>
    </message>
    <message>
        <source>Rotation ±</source>
        <translation>回転 ±</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>拡大縮小</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>画像生成</translation>
    </message>
    <message>
        <source>weight decay {0!r} is not a number (e.g. 0 or 5e-4)</source>
        <translation>重み減衰 {0!r} は数値ではありません（例: 0 や 5e-4）</translation>
    </message>
    <message>
        <source>weight decay {0!r} is out of range: from 0 to {1:g}</source>
        <translation>重み減衰 {0!r} は範囲外です: 0 から {1:g} まで</translation>
    </message>
    <message>
        <source>A preview needs the digits, the shapes or an image folder.</source>
        <translation>プレビューには手書き数字、図形、または画像フォルダが必要です。</translation>
    </message>
    <message>
        <source>No preview: {0}</source>
        <translation>プレビューなし: {0}</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>batch </source>
        <translation>バッチ </translation>
    </message>
    <message>
        <source>Batch size for the activation-memory estimate</source>
        <translation>活性値のメモリ見積もりに使うバッチサイズ</translation>
    </message>
    <message>
        <source>Params {0}</source>
        <translation>パラメータ {0}</translation>
    </message>
    <message>
        <source> (trainable {0})</source>
        <translation>（学習対象 {0}）</translation>
    </message>
    <message>
        <source> (all trainable)</source>
        <translation>（すべて学習対象）</translation>
    </message>
    <message>
        <source>{0:,} parameters: {1:,} trainable, {2:,} frozen</source>
        <translation>パラメータ {0:,} 個: 学習対象 {1:,} 個、凍結 {2:,} 個</translation>
    </message>
    <message>
        <source>MACs {0}</source>
        <translation>MACs {0}</translation>
    </message>
    <message>
        <source>{0:,} multiply-accumulates per image</source>
        <translation>画像 1 枚あたりの積和演算 {0:,} 回</translation>
    </message>
    <message>
        <source>Activations {0}</source>
        <translation>活性値 {0}</translation>
    </message>
    <message>
        <source>Outputs of every block for one batch in float32 (what training keeps for backward)</source>
        <translation>1 バッチ分の全ブロックの出力（float32）。学習で逆伝播のために保持する量です</translation>
    </message>
</context>
<context>
    <name>StrictSpinBox</name>
    <message>
        <source>{0!r} is not {1}</source>
        <translation>{0!r} は{1}ではありません</translation>
    </message>
    <message>
        <source>{0!r} is too large: at most {1}</source>
        <translation>{0!r} は大きすぎます: 最大 {1}</translation>
    </message>
    <message>
        <source>{0!r} is too small: at least {1}</source>
        <translation>{0!r} は小さすぎます: 最小 {1}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source> (frozen)</source>
        <translation>（凍結）</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>積和演算数（MACs）</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>受容野</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>C, H, W</source>
        <translation>C, H, W</translation>
    </message>
    <message>
        <source>k or h, w</source>
        <translation>k または h, w</translation>
    </message>
    <message>
        <source>p, [h, w], same or valid</source>
        <translation>p、[h, w]、same または valid</translation>
    </message>
    <message>
        <source>a, b, …</source>
        <translation>a, b, …</translation>
    </message>
    <message>
        <source>{0}: type whole numbers like {1}</source>
        <translation>{0}: {1} のように整数で入力してください</translation>
    </message>
</context>
<context>
    <name>TrainingInstall</name>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行履歴</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Start training the network as it is now (F5)</source>
        <translation>現在のネットワークで学習を始めます (F5)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after this batch and save a checkpoint</source>
        <translation>このバッチの後で停止し、チェックポイントを保存します</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Continue the stopped run from its checkpoint</source>
        <translation>停止した学習をチェックポイントから続けます</translation>
    </message>
    <message>
        <source>Load &amp;Weights…</source>
        <translation>重みを読み込む(&amp;W)…</translation>
    </message>
    <message>
        <source>Start training from trained weights</source>
        <translation>学習済みの重みから学習を始めます</translation>
    </message>
    <message>
        <source>Cannot write the run folder for training: {0}</source>
        <translation>学習の実行フォルダに書き込めません: {0}</translation>
    </message>
    <message>
        <source>This project is not saved: its runs are kept in {0}</source>
        <translation>このプロジェクトは保存されていません。実行履歴は {0} に保存されます</translation>
    </message>
    <message>
        <source>A run is training: stop it before resuming another</source>
        <translation>学習中の実行があります。別の実行を再開する前に停止してください</translation>
    </message>
    <message>
        <source>This run wrote no checkpoint, so it cannot be resumed</source>
        <translation>この実行はチェックポイントを書き込んでいないため、再開できません</translation>
    </message>
    <message>
        <source>Not trained yet</source>
        <translation>まだ学習していません</translation>
    </message>
    <message>
        <source>epoch 10/10 · batch 450/450 · 10,000 img/s · ETA 0:00</source>
        <translation>エポック 10/10 · バッチ 450/450 · 10,000 枚/秒 · 残り 0:00</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Schedule, weight decay, validation split, label smoothing, augmentation…</source>
        <translation>学習率スケジュール、重み減衰、検証データの割合、ラベル平滑化、データ拡張…</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行履歴</translation>
    </message>
    <message>
        <source>This project&apos;s runs: compare their curves, resume one, keep its weights</source>
        <translation>このプロジェクトの実行履歴: 曲線の比較、実行の再開、重みの保存ができます</translation>
    </message>
    <message>
        <source>Start from fresh weights instead</source>
        <translation>代わりに初期化した重みから始めます</translation>
    </message>
    <message>
        <source>Press Train to train this network on the chosen data in a separate process (the editor stays usable). The loss and accuracy curves, the confusion matrix and sample predictions appear here; Setup comes back to these settings.</source>
        <translation>「学習」を押すと、選んだデータでこのネットワークを別プロセスで学習します（編集はそのまま続けられます）。損失と正解率の曲線、混同行列、予測のサンプルがここに表示されます。「設定」でこれらの設定に戻れます。</translation>
    </message>
    <message>
        <source>Cannot train: {0}</source>
        <translation>学習できません: {0}</translation>
    </message>
    <message>
        <source>the network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source> (and {0} more problems)</source>
        <translation>（ほかに問題 {0} 件）</translation>
    </message>
    <message>
        <source>Cannot train yet: {0}: {1}{2}</source>
        <translation>まだ学習できません: {0}: {1}{2}</translation>
    </message>
    <message>
        <source>Starting the training process…</source>
        <translation>学習プロセスを起動中…</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>Cannot use these weights</source>
        <translation>この重みは使えません</translation>
    </message>
    <message>
        <source>: {0} tensors load</source>
        <translation>: テンソル {0} 個を読み込めます</translation>
    </message>
    <message>
        <source>Training starts from the weights in {0}{1}</source>
        <translation>学習は {0} の重みから始まります{1}</translation>
    </message>
    <message>
        <source>Weights {0} will be used when training starts</source>
        <translation>学習開始時に重み {0} を使います</translation>
    </message>
    <message>
        <source>D(real) {0:.2f}, D(fake) {1:.2f}</source>
        <translation>D(本物) {0:.2f}、D(偽物) {1:.2f}</translation>
    </message>
    <message>
        <source>Training did not start.</source>
        <translation>学習は始まりませんでした。</translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation>学習が停止しました: {0}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>不明なエラー</translation>
    </message>
    <message>
        <source>epoch {0}/{1}</source>
        <translation>エポック {0}/{1}</translation>
    </message>
    <message>
        <source>batch {0}/{1}</source>
        <translation>バッチ {0}/{1}</translation>
    </message>
    <message>
        <source>{0:,.0f} img/s</source>
        <translation>{0:,.0f} 枚/秒</translation>
    </message>
    <message>
        <source>ETA {0}</source>
        <translation>残り {0}</translation>
    </message>
    <message>
        <source>Force Stop</source>
        <translation>強制停止</translation>
    </message>
    <message>
        <source>The network has changed since this training started: the curves belong to the version that was started. Train again to train the network as it is now.</source>
        <translation>この学習を始めた後にネットワークが変更されました。曲線は学習を始めたときの版のものです。現在のネットワークを学習するには、もう一度学習してください。</translation>
    </message>
</context>
<context>
    <name>TrainingRunner</name>
    <message>
        <source>could not start the training process ({0}): {1}</source>
        <translation>学習プロセスを起動できませんでした（{0}）: {1}</translation>
    </message>
    <message>
        <source>ended with exit code {0}</source>
        <translation>が終了コード {0} で終了しました</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>が異常終了しました</translation>
    </message>
    <message>
        <source> (it may have run out of memory)</source>
        <translation>（メモリ不足の可能性があります）</translation>
    </message>
    <message>
        <source>the training process {0}{1}</source>
        <translation>学習プロセス{0}{1}</translation>
    </message>
</context>
<context>
    <name>TransposedPage</name>
    <message>
        <source>Input {0}×{0}</source>
        <translation>入力 {0}×{0}</translation>
    </message>
    <message>
        <source>Zeros inserted, padded {0}×{0}</source>
        <translation>0を挿入・パディング {0}×{0}</translation>
    </message>
    <message>
        <source>Output {0}×{0}</source>
        <translation>出力 {0}×{0}</translation>
    </message>
</context>
<context>
    <name>VideoStrip</name>
    <message>
        <source>The video&apos;s frame to look at (← → step one frame, PgUp/PgDn ten)</source>
        <translation>表示する動画のフレーム（← → で1フレーム、PgUp/PgDn で10フレーム移動）</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>フレーム</translation>
    </message>
    <message>
        <source>frame {0} of {1} · {2:.2f} s</source>
        <translation>フレーム {0} / {1} · {2:.2f} 秒</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <source>Weights (*.safetensors *.pth *.pt *.bin);;All files (*)</source>
        <translation>重み (*.safetensors *.pth *.pt *.bin);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>重みを読み込む</translation>
    </message>
    <message>
        <source>the network cannot be compiled yet: {0}</source>
        <translation>ネットワークはまだコンパイルできません: {0}</translation>
    </message>
    <message>
        <source>{0}: none of its {1} tensors fit this network by name and shape (the file has keys like {2!r})</source>
        <translation>{0}: テンソル {1} 個のどれも、名前と形状がこのネットワークに合いません（ファイルのキーの例: {2!r}）</translation>
    </message>
</context>
<context>
    <name>Wiring</name>
    <message>
        <source>a block cannot feed itself</source>
        <translation>ブロックを自分自身に接続することはできません</translation>
    </message>
    <message>
        <source>{0} is an output head: nothing flows out of it</source>
        <translation>{0} は出力層です。そこから先へは何も流れません</translation>
    </message>
    <message>
        <source>{0} has no input {1!r}</source>
        <translation>{0} には入力 {1!r} がありません</translation>
    </message>
    <message>
        <source>would make a cycle: {0} already feeds {1}</source>
        <translation>循環ができてしまいます: {0} は既に {1} へつながっています</translation>
    </message>
    <message>
        <source>{0} is already connected to {1}</source>
        <translation>{0} は既に {1} に接続されています</translation>
    </message>
    <message>
        <source>replaces the wire from {0}</source>
        <translation>{0} からの接続を置き換えます</translation>
    </message>
    <message>
        <source>allowed, but {0}</source>
        <translation>接続できますが、{0}</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>接続し直す</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
</context>
</TS>
