<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>CLI</name>
    <message>
        <source>Full descriptions: cnnstudio presets --json. Start one: cnnstudio new --preset NAME -o FILE</source>
        <translation>説明の全文: cnnstudio presets --json。プリセットから始めるには: cnnstudio new --preset NAME -o FILE</translation>
    </message>
    <message>
        <source>{preset} does not work with these options: {where}: {message}</source>
        <translation>{preset} はこのオプションでは使えません: {where}: {message}</translation>
    </message>
    <message>
        <source>wrote {out}: {preset}, {nodes} nodes, {params:,} params</source>
        <translation>{out} を書き出しました: {preset}、ノード {nodes} 個、パラメータ {params:,} 個</translation>
    </message>
    <message>
        <source>loading {weights}</source>
        <translation>{weights} を読み込み中</translation>
    </message>
    <message>
        <source>wrote {out} and {weights_out}: train it to fine-tune the unfrozen layers</source>
        <translation>{out} と {weights_out} を書き出しました。学習すると凍結されていない層がファインチューニングされます</translation>
    </message>
    <message>
        <source>Python code</source>
        <translation>Python コード</translation>
    </message>
    <message>
        <source>a training script</source>
        <translation>学習スクリプト</translation>
    </message>
    <message>
        <source>evaluating on {data}</source>
        <translation>{data} で評価中</translation>
    </message>
    <message>
        <source>{file}: its main output is not a Detection output (detect needs a detector)</source>
        <translation>{file}: メインの出力が Detection 出力ではありません（detect には物体検出器が必要です）</translation>
    </message>
    <message>
        <source>cnnstudio: skipped {message}</source>
        <translation>cnnstudio: スキップしました: {message}</translation>
    </message>
    <message>
        <source>--save-weights must be in the folder of {out} or below it (a project reads its weights only from there), got {weights}</source>
        <translation>--save-weights は {out} のフォルダかその下にしてください（プロジェクトは重みをそこからしか読みません）。指定値：{weights}</translation>
    </message>
    <message>
        <source>{file}: its main output is not a classification head (predict needs a classifier): use cnnstudio detect</source>
        <translation>{file}: メインの出力が分類ヘッドではありません（predict には分類器が必要です）。cnnstudio detect を使ってください</translation>
    </message>
    <message>
        <source>{file}: its main output is not a classification head (predict needs a classifier)</source>
        <translation>{file}: メインの出力が分類ヘッドではありません（predict には分類器が必要です）</translation>
    </message>
    <message>
        <source>cannot tell the format from {name!r}: add --format python|onnx|pt2|safetensors|train</source>
        <translation>{name!r} から形式を判断できません。--format python|onnx|pt2|safetensors|train を指定してください</translation>
    </message>
    <message>
        <source>exporting to {format}</source>
        <translation>{format} にエクスポート中</translation>
    </message>
    <message>
        <source>expected MODULE:CALLABLE (e.g. torchvision.models:resnet18), got {spec!r}</source>
        <translation>MODULE:CALLABLE（例: torchvision.models:resnet18）の形式が必要ですが、{spec!r} が指定されています</translation>
    </message>
    <message>
        <source>--input C,H,W is required to trace a module (e.g. --input 3,224,224)</source>
        <translation>モジュールをトレースするには --input C,H,W が必要です（例：--input 3,224,224）</translation>
    </message>
    <message>
        <source>an ONNX file takes one --input, got {count}</source>
        <translation>ONNX ファイルに指定できる --input は 1 つだけですが、{count} 個指定されました</translation>
    </message>
    <message>
        <source>converting it and checking the graph gives its outputs</source>
        <translation>変換してグラフを確かめると、その出力が得られます</translation>
    </message>
    <message>
        <source>building {spec}</source>
        <translation>{spec} を構築中</translation>
    </message>
    <message>
        <source>tracing it and checking the graph gives its outputs</source>
        <translation>トレースし、グラフが同じ出力を返すか確認中</translation>
    </message>
    <message>
        <source>CNN Studio cannot import {spec}: it did not return a torch.nn.Module</source>
        <translation>CNN Studio は {spec} をインポートできません。torch.nn.Module を返しませんでした</translation>
    </message>
    <message>
        <source>wrote {written}: {nodes} nodes; the compiled graph gives the module&apos;s outputs</source>
        <translation>{written} を書き出しました: ノード {nodes} 個。コンパイルしたグラフはモジュールと同じ出力を返します</translation>
    </message>
    <message>
        <source>the desktop app needs PySide6 and pyqtgraph ({reason})</source>
        <translation>デスクトップアプリには PySide6 と pyqtgraph が必要です（{reason}）</translation>
    </message>
    <message>
        <source>--lang must be one of {choices}, got {value}</source>
        <translation>--lang は {choices} のいずれかである必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>Without a command: cnnstudio [FILE] [--screenshot PNG] opens the desktop app.</source>
        <translation>コマンドなし: cnnstudio [FILE] [--screenshot PNG] でデスクトップアプリを開きます。</translation>
    </message>
    <message>
        <source>cnnstudio: internal error: {name}: {reason}</source>
        <translation>cnnstudio: 内部エラー: {name}: {reason}</translation>
    </message>
    <message>
        <source>cnnstudio: set CNNSTUDIO_DEBUG=1 to see the traceback</source>
        <translation>cnnstudio: トレースバックを表示するには CNNSTUDIO_DEBUG=1 を設定してください</translation>
    </message>
    <message>
        <source>expected a whole number from {lo} to {hi}, got {text!r}</source>
        <translation>{lo} から {hi} までの整数が必要ですが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>must be from {lo} to {hi}, got {text}</source>
        <translation>{lo} から {hi} までである必要がありますが、{text} が指定されています</translation>
    </message>
    <message>
        <source>expected a number &gt; 0, got {text!r}</source>
        <translation>0 より大きい数値が必要ですが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>must be a finite number &gt; 0, got {text}</source>
        <translation>0 より大きい有限の数値である必要がありますが、{text} が指定されています</translation>
    </message>
    <message>
        <source>expected a number between 0 and 1, got {text!r}</source>
        <translation>0 から 1 までの数値が必要ですが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>expected a number between 0 and 1, got {text}</source>
        <translation>0 から 1 までの数値が必要ですが、{text} が指定されています</translation>
    </message>
    <message>
        <source>{flag} must look like C,H,W (e.g. 3,224,224), got {text!r}</source>
        <translation>{flag} は C,H,W の形式（例: 3,224,224）である必要がありますが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>{flag} must be 1 to 3 numbers from 1 to {max_side:,} like 3,224,224, got {text!r}</source>
        <translation>{flag} は 3,224,224 のように 1 から {max_side:,} までの数値 1〜3 個である必要がありますが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>{path!r}: not a usable file name ({reason})</source>
        <translation>{path!r}: 使用できるファイル名ではありません（{reason}）</translation>
    </message>
    <message>
        <source>an empty name is not a {what}</source>
        <translation>空の名前は{what}として使えません</translation>
    </message>
    <message>
        <source>{flag} needs a file name</source>
        <translation>{flag} にはファイル名が必要です</translation>
    </message>
    <message>
        <source>{path} is a folder: give a file name</source>
        <translation>{path} はフォルダです。ファイル名を指定してください</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device or a pipe): refusing to replace it</source>
        <translation>{path} は通常のファイルではない（デバイスまたはパイプ）ため、置き換えません</translation>
    </message>
    <message>
        <source>{path} already exists (add --force to overwrite it)</source>
        <translation>{path} は既に存在します（上書きするには --force を付けてください）</translation>
    </message>
    <message>
        <source>{path}: the file name is too long</source>
        <translation>{path}: ファイル名が長すぎます</translation>
    </message>
    <message>
        <source>{flag}: {folder} is a file, not a folder</source>
        <translation>{flag}: {folder} はフォルダではなくファイルです</translation>
    </message>
    <message>
        <source>{flag}: cannot create the folder {folder}: {reason}</source>
        <translation>{flag}: フォルダ {folder} を作成できません: {reason}</translation>
    </message>
    <message>
        <source>{flag} {path}: no such file (nor {name}.safetensors, a checkpoint&apos;s weights)</source>
        <translation>{flag} {path}: ファイルがありません（チェックポイントの重み {name}.safetensors もありません）</translation>
    </message>
    <message>
        <source>{flag} needs a checkpoint</source>
        <translation>{flag} にはチェックポイントが必要です</translation>
    </message>
    <message>
        <source>{flag} {path}: no checkpoint there (give its folder, its .json or its stem like runs/a/best)</source>
        <translation>{flag} {path}: チェックポイントがありません（フォルダ、.json、または runs/a/best のような拡張子なしの名前を指定してください）</translation>
    </message>
    <message>
        <source> (add --download to fetch it)</source>
        <translation>（取得するには --download を付けてください）</translation>
    </message>
    <message>
        <source>--data {spec}: no such folder {arg}{hint}</source>
        <translation>--data {spec}: フォルダ {arg} がありません{hint}</translation>
    </message>
    <message>
        <source>--data {spec}: {arg} is not a folder</source>
        <translation>--data {spec}: {arg} はフォルダではありません</translation>
    </message>
    <message>
        <source>CNN Studio command line. Without a command, opens the app.</source>
        <translation>CNN Studio のコマンドライン。コマンドを指定しないとアプリを開きます。</translation>
    </message>
    <message>
        <source>the language of messages and help (default: $CNNSTUDIO_LANG, then the system&apos;s)</source>
        <translation>メッセージとヘルプの言語（既定: $CNNSTUDIO_LANG、なければシステムの言語）</translation>
    </message>
    <message>
        <source>per-node shapes, params, MACs, receptive field; diagnostics</source>
        <translation>ノードごとの形状、パラメータ数、積和演算数（MACs）、受容野と診断</translation>
    </message>
    <message>
        <source>Exit 0 when the design has no errors, 1 when it has (they are listed), 2 when the file cannot be read.</source>
        <translation>設計にエラーがなければ終了コード 0、エラーがあれば 1（エラーを一覧表示）、ファイルを読めなければ 2 を返します。</translation>
    </message>
    <message>
        <source>machine-readable output</source>
        <translation>機械可読な出力</translation>
    </message>
    <message>
        <source>list the preset architectures</source>
        <translation>プリセットのアーキテクチャを一覧表示</translation>
    </message>
    <message>
        <source>write a new project from a preset</source>
        <translation>プリセットから新しいプロジェクトを書き出す</translation>
    </message>
    <message>
        <source>input shape C,H,W</source>
        <translation>入力の形状 C,H,W</translation>
    </message>
    <message>
        <source>overwrite an existing file</source>
        <translation>既存のファイルを上書きする</translation>
    </message>
    <message>
        <source>transfer learning: load trained weights (a torchvision checkpoint, say), freeze the backbone</source>
        <translation>転移学習: 学習済みの重み（torchvision のチェックポイントなど）を読み込み、バックボーンを凍結する</translation>
    </message>
    <message>
        <source>Load .safetensors or .pth/.pt weights into a project by state_dict key (tensors whose shape differs, like a replaced head, are skipped and listed), freeze the backbone, and write the project with the loaded weights beside it as safetensors, ready to train.</source>
        <translation>.safetensors または .pth/.pt の重みを state_dict のキーでプロジェクトに読み込み（置き換えたヘッドのように形状が異なるテンソルはスキップして一覧表示）、バックボーンを凍結し、読み込んだ重みを safetensors として横に置いたプロジェクトを、すぐ学習できる状態で書き出します。</translation>
    </message>
    <message>
        <source>Where a torchvision checkpoint comes from: python -c &quot;import torchvision; torchvision.models.resnet18(weights=&apos;DEFAULT&apos;)&quot; downloads ResNet-18&apos;s ImageNet weights once into torch&apos;s hub cache, {hub_path}; give that path to --weights (with a project from `cnnstudio new --preset resnet18`). A checkpoint of your own run works too: --weights runs/a/best.</source>
        <translation>torchvision のチェックポイントの入手方法: python -c &quot;import torchvision; torchvision.models.resnet18(weights=&apos;DEFAULT&apos;)&quot; を実行すると、ResNet-18 の ImageNet の重みが torch の hub キャッシュ {hub_path} に一度だけダウンロードされます。そのパスを --weights に指定してください（`cnnstudio new --preset resnet18` で作ったプロジェクトと組み合わせます）。自分の学習のチェックポイントも使えます: --weights runs/a/best。</translation>
    </message>
    <message>
        <source>the project (.cnn.json) to fine-tune</source>
        <translation>ファインチューニングするプロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>trained weights: .safetensors, .pth/.pt (a state_dict, e.g. from torch&apos;s hub cache) or a checkpoint&apos;s stem (runs/a/best)</source>
        <translation>学習済みの重み: .safetensors、.pth/.pt（torch の hub キャッシュなどの state_dict）、またはチェックポイントの拡張子なしの名前（runs/a/best）</translation>
    </message>
    <message>
        <source>replace the head: this many classes</source>
        <translation>ヘッドを置き換える: このクラス数にする</translation>
    </message>
    <message>
        <source>freeze this node and everything feeding it (default: all that feeds the layers left without weights)</source>
        <translation>このノードとそこへつながるすべてを凍結する（既定: 重みが読み込まれなかった層へつながるすべて）</translation>
    </message>
    <message>
        <source>train every layer</source>
        <translation>すべての層を学習する</translation>
    </message>
    <message>
        <source>the fine-tune project to write (.cnn.json)</source>
        <translation>書き出すファインチューニング用プロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>where to write the loaded weights (default: beside -o)</source>
        <translation>読み込んだ重みの書き出し先（既定: -o の横）</translation>
    </message>
    <message>
        <source>overwrite existing files</source>
        <translation>既存のファイルを上書きする</translation>
    </message>
    <message>
        <source>export as PyTorch code, ONNX, torch.export (.pt2), safetensors, or a training script</source>
        <translation>PyTorch コード、ONNX、torch.export（.pt2）、safetensors、または学習スクリプトとしてエクスポートする</translation>
    </message>
    <message>
        <source>Write the project as a standalone .py (readable nn.Module code), .onnx, .pt2 (torch.export.load), .safetensors (with the project beside it) or a train.py for python/torchrun. With --weights the artifact carries those weights, otherwise freshly initialised ones.</source>
        <translation>プロジェクトを単体で動く .py（読みやすい nn.Module のコード）、.onnx、.pt2（torch.export.load 用）、.safetensors（横にプロジェクトを置きます）、または python/torchrun 用の train.py として書き出します。--weights を付けるとその重みを、付けなければ初期化したての重みを含みます。</translation>
    </message>
    <message>
        <source>the project (.cnn.json)</source>
        <translation>プロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>default: from -o</source>
        <translation>既定: -o から判断</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>書き出すファイル</translation>
    </message>
    <message>
        <source>trained weights: .safetensors, .pth/.pt (a state_dict) or a checkpoint&apos;s stem (runs/a/best)</source>
        <translation>学習済みの重み: .safetensors、.pth/.pt（state_dict）、またはチェックポイントの拡張子なしの名前（runs/a/best）</translation>
    </message>
    <message>
        <source>one network of a project that holds several (a GAN&apos;s generator): its nodes&apos; top-level name</source>
        <translation>複数のネットワークを持つプロジェクトのうち 1 つ（GAN の生成器など）: そのノードの最上位の名前</translation>
    </message>
    <message>
        <source>Trace MODULE:CALLABLE (e.g. torchvision.models:resnet18, or model.py:Net) into a graph of blocks that keeps the module&apos;s layer names, check that it gives the same outputs with the same weights, and write the project with the module&apos;s weights beside it.</source>
        <translation>MODULE:CALLABLE（例: torchvision.models:resnet18 や model.py:Net）をトレースして、モジュールの層の名前を保ったブロックのグラフにし、同じ重みで同じ出力を返すことを確認してから、モジュールの重みを横に置いたプロジェクトを書き出します。</translation>
    </message>
    <message>
        <source>input shape C,H,W (required, but for an ONNX file that fixes its size); once per tensor the forward takes, in order</source>
        <translation>入力形状 C,H,W（必須。ただしサイズが固定された ONNX ファイルでは不要）。forward が受け取るテンソルごとに、その順に 1 回ずつ指定します</translation>
    </message>
    <message>
        <source>the project to write (.cnn.json)</source>
        <translation>書き出すプロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>trace into torchvision&apos;s residual/inception blocks</source>
        <translation>torchvision の残差モジュール／インセプションモジュールの内部までトレースする</translation>
    </message>
    <message>
        <source>do not write the module&apos;s weights beside it</source>
        <translation>モジュールの重みを横に書き出さない</translation>
    </message>
    <message>
        <source>the metrics of trained weights on a dataset (mAP for detectors, accuracy for classifiers)</source>
        <translation>データセットでの学習済みの重みの評価指標（物体検出器は mAP、分類器は正解率）</translation>
    </message>
    <message>
        <source>Run the project with trained weights over a dataset: on the spec it was trained on, the validation split; on any other (shapes-boxes:500@seed=7), every image. Prints the loss and mAP@0.5, mAP@[.5:.95] and AP per class (detection) or accuracy (classification).</source>
        <translation>学習済みの重みでプロジェクトをデータセットに対して実行します。学習に使ったデータ指定なら検証用の分割を、それ以外（shapes-boxes:500@seed=7 など）ならすべての画像を使います。損失と、mAP@0.5、mAP@[.5:.95]、クラスごとの AP（物体検出）または正解率（分類）を表示します。</translation>
    </message>
    <message>
        <source>a checkpoint (runs/a/best) or .safetensors</source>
        <translation>チェックポイント（runs/a/best）または .safetensors</translation>
    </message>
    <message>
        <source>a data spec, as for train</source>
        <translation>データ指定（train と同じ形式）</translation>
    </message>
    <message>
        <source>one JSON object on stdout</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力する</translation>
    </message>
    <message>
        <source>the most probable classes of images by a trained classifier</source>
        <translation>学習済みの分類器による、画像の最も確率の高いクラス</translation>
    </message>
    <message>
        <source>Prints the top-k classes of each image, one line each: IMAGE CLASS PROBABILITY (best first), or JSON. Images are stretched to the network&apos;s input and normalised as in training. A video (.mp4, .avi, .webm, .mkv, .mov) gives lines VIDEO #FRAME TIMEs CLASS PROBABILITY for each frame (every Nth with --every); with -o, a copy with each frame&apos;s best class written on it.</source>
        <translation>各画像の上位 k クラスを1行ずつ出力します：IMAGE CLASS PROBABILITY（確率の高い順）、または JSON。画像はネットワークの入力サイズに引き伸ばされ、学習時と同じく正規化されます。動画（.mp4、.avi、.webm、.mkv、.mov）ではフレームごとに VIDEO #FRAME TIMEs CLASS PROBABILITY の行を出力します（--every で N フレームごと）。-o を指定すると、各フレームに最も確率の高いクラスを書き込んだコピーを書き出します。</translation>
    </message>
    <message>
        <source>Prints one line per box: IMAGE CLASS SCORE X1 Y1 X2 Y2 (pixels of the image), or JSON; with -o, writes each image with its boxes drawn into OUT_DIR. A video (.mp4, .avi, .webm, .mkv, .mov) gives lines VIDEO #FRAME TIMEs CLASS SCORE X1 Y1 X2 Y2 for each frame (every Nth with --every); with -o, an MP4 copy with the boxes drawn.</source>
        <translation>ボックスごとに1行出力します：IMAGE CLASS SCORE X1 Y1 X2 Y2（画像のピクセル単位）、または JSON。-o を指定すると、ボックスを描いた画像を OUT_DIR に書き出します。動画（.mp4、.avi、.webm、.mkv、.mov）ではフレームごとに VIDEO #FRAME TIMEs CLASS SCORE X1 Y1 X2 Y2 の行を出力します（--every で N フレームごと）。-o を指定すると、ボックスを描いた MP4 のコピーを書き出します。</translation>
    </message>
    <message>
        <source>write the images and videos with the boxes drawn here</source>
        <translation>ボックスを描いた画像と動画をここに書き出す</translation>
    </message>
    <message>
        <source>in a video, use every Nth frame (default 1: all)</source>
        <translation>動画では N フレームごとに使う（既定値 1：すべて）</translation>
    </message>
    <message>
        <source>the project (.cnn.json) of a classifier</source>
        <translation>分類器のプロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>classes per image (default 5)</source>
        <translation>画像ごとのクラス数（既定 5）</translation>
    </message>
    <message>
        <source>write the images and videos with their best class here</source>
        <translation>最も確率の高いクラスを書き込んだ画像と動画をここに書き出す</translation>
    </message>
    <message>
        <source>find objects in images with a trained detector</source>
        <translation>学習済みの物体検出器で画像内の物体を見つける</translation>
    </message>
    <message>
        <source>the project (.cnn.json) of a detector</source>
        <translation>物体検出器のプロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>boxes scoring below are left out</source>
        <translation>これより低いスコアのボックスは除外する</translation>
    </message>
    <message>
        <source>a JSON list, one object per image</source>
        <translation>JSON のリスト（画像ごとに 1 オブジェクト）</translation>
    </message>
    <message>
        <source>CNN Studio: design, train and inspect CNNs.</source>
        <translation>CNN Studio: CNN を設計し、学習し、中を調べます。</translation>
    </message>
    <message>
        <source>a .cnn.json project to open (default: the LeNet-5 preset)</source>
        <translation>開く .cnn.json のプロジェクト（既定: LeNet-5 のプリセット）</translation>
    </message>
    <message>
        <source>render the window to PNG after loading, then exit</source>
        <translation>読み込み後にウィンドウを PNG に描画して終了する</translation>
    </message>
    <message>
        <source>the language of the app (default: the one chosen in View → Language, else the system&apos;s)</source>
        <translation>アプリの言語（既定: 表示 → 言語 で選んだもの、なければシステムの言語）</translation>
    </message>
    <message>
        <source>import a PyTorch nn.Module (traced with torch.fx) or an ONNX model as a project</source>
        <translation>PyTorch の nn.Module（torch.fx でトレース）または ONNX モデルをプロジェクトとしてインポートする</translation>
    </message>
    <message>
        <source>A file ending in .onnx is converted with onnx2torch first and brings its own input size.</source>
        <translation>.onnx で終わるファイルはまず onnx2torch で変換され、入力サイズはファイル自身のものを使います。</translation>
    </message>
    <message>
        <source>an nn.Module, a class/function that builds one, or an ONNX file</source>
        <translation>nn.Module、それを作るクラスや関数、または ONNX ファイル</translation>
    </message>
    <message>
        <source>train the project&apos;s network headless (progress on stderr, the result on stdout)</source>
        <translation>プロジェクトのネットワークを画面なしで学習する（進捗は標準エラー出力、結果は標準出力）</translation>
    </message>
    <message>
        <source>Train with the project&apos;s saved training config; options override it for this run. Exit 0 when finished, 2 on bad input or a NaN loss, 130 when stopped with Ctrl-C (checkpoint written).</source>
        <translation>プロジェクトに保存された学習設定で学習します。オプションはこの実行に限りその設定を上書きします。終了コードは、完了で 0、入力の誤りまたは損失が NaN になったとき 2、Ctrl-C で停止したとき 130（チェックポイントは書き出し済み）です。</translation>
    </message>
    <message>
        <source> failed</source>
        <translation> 失敗</translation>
    </message>
    <message>
        <source> done in {seconds:.1f} s</source>
        <translation> 完了（{seconds:.1f} 秒）</translation>
    </message>
    <message>
        <source>say where the images go (-o GRID.png, --out-dir DIR) or ask for --score CLASSIFIER</source>
        <translation>画像の出力先（-o GRID.png、--out-dir DIR）を指定するか、--score CLASSIFIER を指定してください</translation>
    </message>
    <message>
        <source>--score needs --classifier-weights CKPT (the classifier&apos;s trained weights)</source>
        <translation>--score には --classifier-weights CKPT（分類器の学習済みの重み）が必要です</translation>
    </message>
    <message>
        <source>generating {count} image(s)</source>
        <translation>{count} 枚の画像を生成しています</translation>
    </message>
    <message>
        <source>{count} images in {folder}</source>
        <translation>{folder} に {count} 枚の画像</translation>
    </message>
    <message>
        <source>wrote {files}</source>
        <translation>{files} を書き出しました</translation>
    </message>
    <message>
        <source>images from a trained generator (GAN) or a VAE&apos;s prior: a grid, one file each, a latent walk</source>
        <translation>学習済みの生成器（GAN）または VAE の事前分布から画像を生成：グリッド、1枚ずつのファイル、潜在空間のウォーク</translation>
    </message>
    <message>
        <source>Draw latent vectors from N(0, I) (the same for the same --seed) and write what the trained generator makes of them; --walk goes along the line from --seed&apos;s latent to another seed&apos;s, in -n steps (one strip); --score rates the images with a classifier trained on the real data (mean top-class confidence, classes covered, the largest class&apos;s share).</source>
        <translation>N(0, I) から潜在ベクトルを取り出し（同じ --seed なら同じベクトル）、学習済みの生成器がそこから作る画像を書き出します。--walk は --seed の潜在ベクトルから別のシードの潜在ベクトルまでの直線を -n 段階でたどります（1列の画像）。--score は本物のデータで学習した分類器で画像を評価します（最上位クラスの平均確信度、現れたクラス数、最も多いクラスの割合）。</translation>
    </message>
    <message>
        <source>the project (.cnn.json) of a GAN or a VAE</source>
        <translation>GAN または VAE のプロジェクト（.cnn.json）</translation>
    </message>
    <message>
        <source>a checkpoint (runs/a/last) or .safetensors</source>
        <translation>チェックポイント（runs/a/last）または .safetensors</translation>
    </message>
    <message>
        <source>how many images (default 64)</source>
        <translation>画像の枚数（既定値 64）</translation>
    </message>
    <message>
        <source>the latent vectors&apos; seed</source>
        <translation>潜在ベクトルのシード</translation>
    </message>
    <message>
        <source>a latent walk to this seed&apos;s latent</source>
        <translation>このシードの潜在ベクトルまでの潜在空間のウォーク</translation>
    </message>
    <message>
        <source>write the images as one grid</source>
        <translation>画像を1枚のグリッドとして書き出す</translation>
    </message>
    <message>
        <source>write one PNG per image here</source>
        <translation>画像ごとに1つの PNG をここに書き出す</translation>
    </message>
    <message>
        <source>a classifier project (e.g. LeNet-5 trained on digits)</source>
        <translation>分類器のプロジェクト（例：digits で学習した LeNet-5）</translation>
    </message>
    <message>
        <source>the classifier&apos;s trained weights (its checkpoint)</source>
        <translation>分類器の学習済みの重み（そのチェックポイント）</translation>
    </message>
    <message>
        <source>print the score as one JSON object</source>
        <translation>スコアを1つの JSON オブジェクトとして出力する</translation>
    </message>
</context>
<context>
    <name>Compiler</name>
    <message>
        <source>cannot export: the generated code does not compile (line {line}: {reason})</source>
        <translation>エクスポートできません。生成したコードがコンパイルできません（{line} 行目: {reason}）</translation>
    </message>
    <message>
        <source>cannot export: the generated code is not safe to import ({why}, line {where})</source>
        <translation>エクスポートできません。生成したコードは安全にインポートできません（{why}、{where} 行目）</translation>
    </message>
    <message>
        <source>cannot export: {where}: {message}</source>
        <translation>エクスポートできません: {where}: {message}</translation>
    </message>
    <message>
        <source>cannot export: {key!r} is not an index of a sequence of layers</source>
        <translation>エクスポートできません：{key!r} は層の並びのインデックスではありません</translation>
    </message>
    <message>
        <source>cannot export: the node name {shown} is not a Python name path (letters, digits and _ in parts separated by dots, such as features.0)</source>
        <translation>エクスポートできません。ノード名 {shown} は Python の名前のパス（features.0 のように、英字・数字・_ からなる部分をドットで区切ったもの）ではありません</translation>
    </message>
    <message>
        <source>cannot export: {name!r} is a layer and a group</source>
        <translation>エクスポートできません。{name!r} が層とグループの両方になっています</translation>
    </message>
    <message>
        <source>no component {name!r}</source>
        <translation>コンポーネント {name!r} はありません</translation>
    </message>
    <message>
        <source>no component with a {role} output</source>
        <translation>{role} の出力を持つコンポーネントはありません</translation>
    </message>
    <message>
        <source>{what}: the graph has {names}</source>
        <translation>{what}。グラフにあるのは {names} です</translation>
    </message>
    <message>
        <source>no nodes</source>
        <translation>ノードなし</translation>
    </message>
    <message>
        <source>unknown export format {format!r}: choose one of {formats}</source>
        <translation>不明なエクスポート形式 {format!r} です。{formats} のいずれかを選んでください</translation>
    </message>
    <message>
        <source>{out} is a folder: give a file name such as model{suffix}</source>
        <translation>{out} はフォルダです。model{suffix} のようなファイル名を指定してください</translation>
    </message>
    <message>
        <source>{parent} does not exist: create the folder first</source>
        <translation>{parent} がありません。先にフォルダを作成してください</translation>
    </message>
    <message>
        <source>load them with model.load_state_dict(load_file({name!r}))</source>
        <translation>model.load_state_dict(load_file({name!r})) で読み込めます</translation>
    </message>
    <message>
        <source>start from them with: python {script} --weights {name}</source>
        <translation>この重みから始めるには: python {script} --weights {name}</translation>
    </message>
    <message>
        <source>exporting {name} ({params:,} parameters)</source>
        <translation>{name}（パラメータ {params:,} 個）のエクスポート</translation>
    </message>
    <message>
        <source>{project}: cannot be saved: {reason}</source>
        <translation>{project}: 保存できません: {reason}</translation>
    </message>
    <message>
        <source>{source}: {count} of the model&apos;s tensors are missing or have another shape (first: {first}); the weights are not for this design</source>
        <translation>{source}: モデルのテンソルのうち {count} 個が欠けているか形状が異なります（最初のもの: {first}）。この重みはこの設計のものではありません</translation>
    </message>
    <message>
        <source>torch.export failed: {name}: {reason}</source>
        <translation>torch.export に失敗しました: {name}: {reason}</translation>
    </message>
    <message>
        <source>ONNX export needs the onnx and onnxscript packages ({name} is missing)</source>
        <translation>ONNX のエクスポートには onnx と onnxscript のパッケージが必要です（{name} がありません）</translation>
    </message>
    <message>
        <source>ONNX export failed: {name}: {reason}</source>
        <translation>ONNX のエクスポートに失敗しました: {name}: {reason}</translation>
    </message>
    <message>
        <source>block type {type!r} has neither a module nor a function to compile to</source>
        <translation>ブロックタイプ {type!r} にはコンパイル先のモジュールも関数もありません</translation>
    </message>
    <message>
        <source>cannot compile: {where}: {message}{more}</source>
        <translation>コンパイルできません: {where}: {message}{more}</translation>
    </message>
    <message>
        <source>cannot compile: the network has no layers after its input</source>
        <translation>コンパイルできません。ネットワークの入力の後に層がありません</translation>
    </message>
    <message>
        <source>expected MODULE:CALLABLE (e.g. torchvision.models:resnet18), got {spec!r}</source>
        <translation>MODULE:CALLABLE（例: torchvision.models:resnet18）の形式が必要ですが、{spec!r} が指定されています</translation>
    </message>
    <message>
        <source>{target}: no such file</source>
        <translation>{target}: ファイルがありません</translation>
    </message>
    <message>
        <source>cannot import {target}: {name}: {reason}</source>
        <translation>{target} をインポートできません: {name}: {reason}</translation>
    </message>
    <message>
        <source>{target} has no attribute {attr!r}</source>
        <translation>{target} に属性 {attr!r} がありません</translation>
    </message>
    <message>
        <source>{spec} is neither an nn.Module nor something that builds one</source>
        <translation>{spec} は nn.Module でも、それを作るものでもありません</translation>
    </message>
    <message>
        <source>{spec}() failed: {name}: {reason}</source>
        <translation>{spec}() が失敗しました: {name}: {reason}</translation>
    </message>
    <message>
        <source>{spec}() returned a {name}, not an nn.Module</source>
        <translation>{spec}() が nn.Module ではなく {name} を返しました</translation>
    </message>
    <message>
        <source>timm:{name} needs timm (pip install timm)</source>
        <translation>timm:{name} には timm が必要です（pip install timm）</translation>
    </message>
    <message>
        <source>timm has no model {name!r} (timm.list_models() lists them)</source>
        <translation>timm にはモデル {name!r} がありません（timm.list_models() で一覧を表示できます）</translation>
    </message>
    <message>
        <source>timm.create_model({name!r}) failed: {kind}: {reason}</source>
        <translation>timm.create_model({name!r}) に失敗しました: {kind}: {reason}</translation>
    </message>
    <message>
        <source>the module&apos;s forward takes {count} tensors ({names}); give one input shape for each (--input C,H,W once per tensor)</source>
        <translation>モジュールの forward は {count} 個のテンソル（{names}）を受け取ります。それぞれに入力形状を 1 つずつ指定してください（テンソルごとに --input C,H,W を 1 回）</translation>
    </message>
    <message>
        <source>{given} input shapes given, but the module&apos;s forward takes {count} tensor(s)</source>
        <translation>入力形状が {given} 個指定されましたが、モジュールの forward が受け取るテンソルは {count} 個です</translation>
    </message>
    <message>
        <source> (in {path!r}, a {kind})</source>
        <translation>（{path!r} の中、{kind}）</translation>
    </message>
    <message>
        <source>torch.fx cannot trace the module: {name}: {reason}</source>
        <translation>torch.fx でモジュールをトレースできません: {name}: {reason}</translation>
    </message>
    <message>
        <source>the module does not run on a {shape} input: {reason}</source>
        <translation>モジュールは {shape} の入力で実行できません: {reason}</translation>
    </message>
    <message>
        <source>{what} at fx node {name!r} {where} has no CNN Studio block</source>
        <translation>fx ノード {name!r} {where} の {what} に対応する CNN Studio のブロックがありません</translation>
    </message>
    <message>
        <source>CNN Studio cannot import {what} at fx node {name!r} ({where}) yet: it gives several outputs, and of such ops only torch.chunk / torch.split on channels have a block (Split)</source>
        <translation>CNN Studio は fx ノード {name!r}（{where}）の {what} をまだインポートできません：複数の出力を返す演算で、そのうちブロック（Split）があるのはチャンネル方向の torch.chunk / torch.split だけです</translation>
    </message>
    <message>
        <source>module {target!r} is called {count} times (shared weights); CNN Studio gives each layer its own weights</source>
        <translation>モジュール {target!r} が {count} 回呼ばれています（重みの共有）。CNN Studio では層ごとに別の重みを持ちます</translation>
    </message>
    <message>
        <source>output {i} of the module is not a tensor computed by the network</source>
        <translation>モジュールの出力 {i} はネットワークで計算されたテンソルではありません</translation>
    </message>
    <message>
        <source>the imported graph has an error at {name}: {message}</source>
        <translation>インポートしたグラフの {name} にエラーがあります: {message}</translation>
    </message>
    <message>
        <source>the module&apos;s weights do not load into the import: {listed}</source>
        <translation>モジュールの重みをインポート結果に読み込めません: {listed}</translation>
    </message>
    <message>
        <source>the module&apos;s weights do not load into the import: {reason}</source>
        <translation>モジュールの重みをインポート結果に読み込めません: {reason}</translation>
    </message>
    <message>
        <source>the imported graph&apos;s outputs do not have the module&apos;s shapes</source>
        <translation>インポートしたグラフの出力の形状がモジュールと異なります</translation>
    </message>
    <message>
        <source>the imported graph&apos;s outputs differ from the module&apos;s (max difference {diff:.3g})</source>
        <translation>インポートしたグラフの出力がモジュールと異なります（最大の差 {diff:.3g}）</translation>
    </message>
    <message>
        <source>{what} needs {size}; this machine has {free} free</source>
        <translation>{what}には {size} が必要ですが、このマシンの空きは {free} です</translation>
    </message>
    <message>
        <source>the training script cannot train the {label} output {name!r}: it trains Classification, Reconstruction and Detection outputs only</source>
        <translation>学習スクリプトは {label} 出力 {name!r} を学習できません。学習できるのは Classification・Reconstruction・Detection の出力だけです</translation>
    </message>
    <message>
        <source>the design has no output head to train: add a Classification or Reconstruction output</source>
        <translation>設計に学習する出力層がありません。Classification または Reconstruction の出力を追加してください</translation>
    </message>
    <message>
        <source>the training script trains one-image-input (C x H x W) networks only</source>
        <translation>学習スクリプトが学習できるのは、画像 1 つ（C x H x W）を入力とするネットワークだけです</translation>
    </message>
    <message>
        <source>a classifier needs at least 2 classes, got {num_classes}</source>
        <translation>分類器には 2 クラス以上が必要ですが、{num_classes} が指定されています</translation>
    </message>
    <message>
        <source>the network has no Linear layer feeding a classification head, so it has no class count</source>
        <translation>ネットワークに分類ヘッドへつながる Linear 層がないため、クラス数がありません</translation>
    </message>
    <message>
        <source>Set {num_classes} classes</source>
        <translation>{num_classes} クラスに設定</translation>
    </message>
    <message>
        <source>Freeze the loaded backbone</source>
        <translation>読み込んだバックボーンを凍結</translation>
    </message>
    <message>
        <source>froze {count} nodes ({first} … {last}): {trainable:,} of {total:,} parameters train</source>
        <translation>{count} 個のノード（{first} … {last}）を凍結しました。パラメータ {total:,} 個のうち {trainable:,} 個を学習します</translation>
    </message>
    <message>
        <source>nothing frozen: all {total:,} parameters train</source>
        <translation>凍結したものはありません。パラメータ {total:,} 個をすべて学習します</translation>
    </message>
    <message>
        <source>none of its {count} tensors fit the model (the file has keys like {sample_file!r}, the model {sample_model!r})</source>
        <translation>{count} 個のテンソルのどれもモデルに合いません（ファイルのキーは {sample_file!r} のようなもの、モデルのキーは {sample_model!r} のようなものです）</translation>
    </message>
    <message>
        <source>no node named {freeze!r} to freeze up to</source>
        <translation>凍結する範囲の終点となる {freeze!r} という名前のノードがありません</translation>
    </message>
    <message>
        <source>{source}: loaded {count} of the model&apos;s {total} tensors</source>
        <translation>{source}: モデルのテンソル {total} 個のうち {count} 個を読み込みました</translation>
    </message>
    <message>
        <source> (removed the prefix {prefix!r} from the file&apos;s keys)</source>
        <translation>（ファイルのキーから接頭辞 {prefix!r} を取り除きました）</translation>
    </message>
    <message>
        <source>: all matched.</source>
        <translation>。すべて一致しました。</translation>
    </message>
    <message>
        <source>skipped {count} with a different shape (they keep their new values):</source>
        <translation>形状が異なる {count} 個をスキップしました（新しい値のままです）:</translation>
    </message>
    <message>
        <source>  {key}: file {file_shape}, model {model_shape}</source>
        <translation>  {key}: ファイル {file_shape}、モデル {model_shape}</translation>
    </message>
    <message>
        <source>missing from the file, {count} (they keep their new values):</source>
        <translation>ファイルにないもの {count} 個（新しい値のままです）:</translation>
    </message>
    <message>
        <source>not used, {count} in the file that the model does not have:</source>
        <translation>使われなかったもの: ファイルにあってモデルにないもの {count} 個:</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>スカラー</translation>
    </message>
    <message>
        <source>  ... and {count} more</source>
        <translation>  ... ほか {count} 個</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>空です</translation>
    </message>
    <message>
        <source>is {size}, larger than the {limit} a weights file may be</source>
        <translation>サイズが {size} で、重みファイルの上限 {limit} を超えています</translation>
    </message>
    <message>
        <source>loading it</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>読み込めません: {reason}</translation>
    </message>
    <message>
        <source>is a plain Python pickle, not a PyTorch weights file; it is never unpickled here</source>
        <translation>PyTorch の重みファイルではなく、ただの Python の pickle です。ここでは決して unpickle しません</translation>
    </message>
    <message>
        <source>is not a safetensors file</source>
        <translation>safetensors ファイルではありません</translation>
    </message>
    <message>
        <source>is not a readable PyTorch weights file ({reason})</source>
        <translation>読み込める PyTorch の重みファイルではありません（{reason}）</translation>
    </message>
    <message>
        <source>is a TorchScript archive (a program, not weights): save model.state_dict() with torch.save</source>
        <translation>TorchScript のアーカイブ（重みではなくプログラム）です。model.state_dict() を torch.save で保存してください</translation>
    </message>
    <message>
        <source>holds {tensors:,} tensors, more than the {limit:,} a weights file may hold</source>
        <translation>テンソルが {tensors:,} 個あり、重みファイルの上限 {limit:,} 個を超えています</translation>
    </message>
    <message>
        <source>unpacks to {size} from {packed}: not a torch.save file</source>
        <translation>{packed} から {size} に展開されます。torch.save のファイルではありません</translation>
    </message>
    <message>
        <source>has a {size} index, too large for a state_dict</source>
        <translation>インデックスが {size} あり、state_dict としては大きすぎます</translation>
    </message>
    <message>
        <source>has a {size} header, too large for a safetensors file</source>
        <translation>ヘッダが {size} あり、safetensors ファイルとしては大きすぎます</translation>
    </message>
    <message>
        <source>is neither a safetensors file nor a PyTorch weights file ({reason})</source>
        <translation>safetensors ファイルでも PyTorch の重みファイルでもありません（{reason}）</translation>
    </message>
    <message>
        <source>is neither a safetensors file nor a PyTorch weights file (its header is not an object)</source>
        <translation>safetensors ファイルでも PyTorch の重みファイルでもありません（ヘッダがオブジェクトではありません）</translation>
    </message>
    <message>
        <source>holds {count:,} tensors, more than the {limit:,} a weights file may hold</source>
        <translation>テンソルが {count:,} 個あり、重みファイルの上限 {limit:,} 個を超えています</translation>
    </message>
    <message>
        <source>holds Python objects besides tensors, which are never unpickled here (weights_only); save a plain state_dict instead: torch.save(model.state_dict(), path)</source>
        <translation>テンソル以外の Python オブジェクトが含まれていますが、ここでは決して unpickle しません（weights_only）。代わりにただの state_dict を保存してください: torch.save(model.state_dict(), path)</translation>
    </message>
    <message>
        <source>holds a {name}, not a dict of tensors (a state_dict)</source>
        <translation>テンソルの辞書（state_dict）ではなく {name} が含まれています</translation>
    </message>
    <message>
        <source>holds no tensors: expected a state_dict (name → tensor)</source>
        <translation>テンソルが含まれていません。state_dict（名前 → テンソル）が必要です</translation>
    </message>
    <message>
        <source>ONNX import needs the onnx and onnx2torch packages (pip install onnx2torch)</source>
        <translation>ONNX のインポートには onnx と onnx2torch のパッケージが必要です（pip install onnx2torch）</translation>
    </message>
    <message>
        <source>{path}: is not an ONNX model ({reason})</source>
        <translation>{path}：ONNX モデルではありません（{reason}）</translation>
    </message>
    <message>
        <source>{path}: is not an ONNX model (its graph has no operators)</source>
        <translation>{path}：ONNX モデルではありません（グラフに演算がありません）</translation>
    </message>
    <message>
        <source>{path}: the model takes {count} inputs; only one-input models import</source>
        <translation>{path}：このモデルの入力は {count} 個です。インポートできるのは入力が1つのモデルだけです</translation>
    </message>
    <message>
        <source>{path}: the input is not a batch of tensors (its rank is {rank})</source>
        <translation>{path}：入力がテンソルのバッチではありません（階数 {rank}）</translation>
    </message>
    <message>
        <source>ONNX import needs the onnx2torch package (pip install onnx2torch)</source>
        <translation>ONNX のインポートには onnx2torch パッケージが必要です（pip install onnx2torch）</translation>
    </message>
    <message>
        <source>{path}: onnx2torch cannot convert it: {reason}</source>
        <translation>{path}：onnx2torch で変換できません：{reason}</translation>
    </message>
    <message>
        <source>CNN Studio cannot import {path}: {reason}</source>
        <translation>CNN Studio は {path} をインポートできません：{reason}</translation>
    </message>
    <message>
        <source>the ONNX op {op} (opset {version}) has no converter in onnx2torch</source>
        <translation>ONNX の演算 {op}（opset {version}）には onnx2torch の変換器がありません</translation>
    </message>
    <message>
        <source>no converter for one of its ops</source>
        <translation>演算の1つに変換器がありません</translation>
    </message>
    <message>
        <source>{path}: its input size is not fixed in the file; give it with --input C,H,W</source>
        <translation>{path}：入力サイズがファイルで決まっていません。--input C,H,W で指定してください</translation>
    </message>
    <message>
        <source>reading the weights of {path}</source>
        <translation>{path} の重みの読み込み</translation>
    </message>
    <message>
        <source>{path}: the weight {name!r} lies past the end of {file} (bytes {start}–{end} of {size})</source>
        <translation>{path}: 重み {name!r} が {file} の末尾を越えています（{size} バイト中 {start}–{end} バイト）</translation>
    </message>
    <message>
        <source>{path}: the weight {name!r} names {location!r} as its data file; only a file beside the model is read</source>
        <translation>{path}: 重み {name!r} のデータファイルが {location!r} になっています。読み込むのはモデルと同じフォルダーのファイルだけです</translation>
    </message>
    <message>
        <source>{path}: the weight {name!r} does not say where its {count:,} values lie in {file}</source>
        <translation>{path}: 重み {name!r} の {count:,} 個の値が {file} のどこにあるかが正しく示されていません</translation>
    </message>
    <message>
        <source>{path}: its data file {file} is a link to another folder; it is not read</source>
        <translation>{path}: データファイル {file} は別のフォルダーへのリンクなので読み込みません</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <source>data spec {spec!r}: @seed=N needs a whole number N ≥ 0</source>
        <translation>データ指定 {spec!r}: @seed=N の N には 0 以上の整数が必要です</translation>
    </message>
    <message>
        <source>data spec {spec!r}: shapes:N needs a count N from 12 to 1000000</source>
        <translation>データ指定 {spec!r}: shapes:N の N には 12 から 1000000 までの個数が必要です</translation>
    </message>
    <message>
        <source>data spec {spec!r}: shapes-boxes:N needs a count N from 2 to 200000</source>
        <translation>データ指定 {spec!r}: shapes-boxes:N の N には 2 から 200000 までの個数が必要です</translation>
    </message>
    <message>
        <source>data spec {spec!r} needs a path: {kind}:PATH</source>
        <translation>データ指定 {spec!r} にはパスが必要です: {kind}:PATH</translation>
    </message>
    <message>
        <source>unknown data spec {spec!r}: use {specs}</source>
        <translation>不明なデータ指定 {spec!r} です。{specs} を使ってください</translation>
    </message>
    <message>
        <source>val_split must be in [0, 1), got {share}</source>
        <translation>val_split は [0, 1) の範囲である必要がありますが、{share} が指定されています</translation>
    </message>
    <message>
        <source>data spec {spec!r} is not a detection set: use shapes-boxes[:N], coco:, voc: or yolo:PATH</source>
        <translation>データ指定 {spec!r} は物体検出用のデータセットではありません。shapes-boxes[:N]、coco:、voc: または yolo:PATH を使ってください</translation>
    </message>
    <message>
        <source>{kind}: not a detection set: use shapes-boxes[:N], coco:, voc: or yolo:PATH</source>
        <translation>{kind}: 物体検出のデータセットではありません。shapes-boxes[:N]、coco:、voc: または yolo:PATH を指定してください</translation>
    </message>
    <message>
        <source>{kind}:{arg}: not one box in {count} image(s): a detector has nothing to learn</source>
        <translation>{kind}:{arg}: {count} 枚の画像にバウンディングボックスが 1 つもありません。物体検出器が学習するものがありません</translation>
    </message>
    <message>
        <source>a detector needs an image input C,H,W with 1 or 3 channels, got {shape}</source>
        <translation>物体検出器には 1 または 3 チャンネルの画像入力 C,H,W が必要ですが、{shape} です</translation>
    </message>
    <message>
        <source>coco:{path}: {reason}</source>
        <translation>coco:{path}: {reason}</translation>
    </message>
    <message>
        <source>coco:{path}: {file} is not valid JSON ({reason})</source>
        <translation>coco:{path}: {file} は正しい JSON ではありません（{reason}）</translation>
    </message>
    <message>
        <source>coco:{path}: {file} has no &apos;images&apos; list, so it is not a COCO annotations file</source>
        <translation>coco:{path}: {file} に &apos;images&apos; のリストがないため、COCO アノテーションファイルではありません</translation>
    </message>
    <message>
        <source>coco:{path}: {file} names no categories</source>
        <translation>coco:{path}: {file} にカテゴリが 1 つもありません</translation>
    </message>
    <message>
        <source>skipped {n} missing or unreadable image(s)</source>
        <translation>見つからないか読み込めない画像 {n} 枚をスキップしました</translation>
    </message>
    <message>
        <source>skipped {n} unreadable or malformed annotation file(s)</source>
        <translation>読み込めないか形式の正しくないアノテーションファイル {n} 個をスキップしました</translation>
    </message>
    <message>
        <source>skipped {n} malformed annotation(s)</source>
        <translation>形式の正しくないアノテーション {n} 個をスキップしました</translation>
    </message>
    <message>
        <source>skipped {n} box(es) of an unknown class</source>
        <translation>不明なクラスのボックス {n} 個をスキップしました</translation>
    </message>
    <message>
        <source>skipped {n} degenerate box(es) (no width or height, or not finite)</source>
        <translation>退化したボックス {n} 個をスキップしました（幅か高さがないか、有限の値ではありません）</translation>
    </message>
    <message>
        <source>skipped {n} box(es) wholly outside their image</source>
        <translation>画像の完全に外にあるボックス {n} 個をスキップしました</translation>
    </message>
    <message>
        <source>clipped {n} box(es) that reached outside their image</source>
        <translation>画像の外にはみ出したボックス {n} 個を切り詰めました</translation>
    </message>
    <message>
        <source>ignored {n} crowd annotation(s) (iscrowd=1)</source>
        <translation>群衆のアノテーション {n} 個を無視しました（iscrowd=1）</translation>
    </message>
    <message>
        <source>; and {count} more</source>
        <translation>; ほか {count} 個</translation>
    </message>
    <message>
        <source>{name}: {count} images of {channels}×{height}×{width} would take over {value} GiB in memory; use a smaller subset or input size</source>
        <translation>{name}: {channels}×{height}×{width} の画像 {count} 枚はメモリを {value} GiB 以上使います。より小さな部分集合か入力サイズを使ってください</translation>
    </message>
    <message>
        <source>{name}: no usable image ({first})</source>
        <translation>{name}: 使える画像がありません（{first}）</translation>
    </message>
    <message>
        <source>declares a DOCTYPE or ENTITY, which annotation files never need</source>
        <translation>アノテーションファイルには不要な DOCTYPE または ENTITY が宣言されています</translation>
    </message>
    <message>
        <source>voc:{path}: no Annotations/ folder (expected Annotations/*.xml and JPEGImages/)</source>
        <translation>voc:{path}: Annotations/ フォルダがありません（Annotations/*.xml と JPEGImages/ が必要です）</translation>
    </message>
    <message>
        <source>voc:{path}: no readable annotation file in {folder}</source>
        <translation>voc:{path}: {folder} に読み込めるアノテーションファイルがありません</translation>
    </message>
    <message>
        <source>yolo:{path}: {name} is not valid YAML ({reason})</source>
        <translation>yolo:{path}: {name} は正しい YAML ではありません（{reason}）</translation>
    </message>
    <message>
        <source>yolo:{path}: {name} names: ids must be 0, 1, 2, …</source>
        <translation>yolo:{path}: {name} の names: の ID は 0, 1, 2, … である必要があります</translation>
    </message>
    <message>
        <source>yolo:{path}: {name} has no &apos;names:&apos; list of class names</source>
        <translation>yolo:{path}: {name} にクラス名のリスト &apos;names:&apos; がありません</translation>
    </message>
    <message>
        <source>yolo:{path}: no data.yaml (with names:) or classes.txt to name the classes</source>
        <translation>yolo:{path}: クラス名を定める data.yaml（names: 付き）または classes.txt がありません</translation>
    </message>
    <message>
        <source>yolo:{path}: no images/ folder (expected images/, labels/*.txt and data.yaml)</source>
        <translation>yolo:{path}: images/ フォルダがありません（images/、labels/*.txt、data.yaml が必要です）</translation>
    </message>
    <message>
        <source>yolo:{path}: the class list is empty</source>
        <translation>yolo:{path}: クラスのリストが空です</translation>
    </message>
    <message>
        <source>yolo:{path}: no images in {folder}</source>
        <translation>yolo:{path}: {folder} に画像がありません</translation>
    </message>
    <message>
        <source>the bundled digits data cannot be read ({reason}); reinstall cnnstudio</source>
        <translation>同梱の数字データを読み込めません（{reason}）。cnnstudio を再インストールしてください</translation>
    </message>
    <message>
        <source>{name}: needs at least 2 training images, has {count}</source>
        <translation>{name}: 学習用の画像が 2 枚以上必要ですが、{count} 枚しかありません</translation>
    </message>
    <message>
        <source>{name}: has no validation images</source>
        <translation>{name}: 検証用の画像がありません</translation>
    </message>
    <message>
        <source>{name}: all {count} images of a training batch are unreadable ({shown}); under torchrun every process must take every step: remove the unreadable images</source>
        <translation>{name}: 学習バッチの画像 {count} 枚がすべて読み込めません（{shown}）。torchrun ではすべてのプロセスがすべてのステップを実行する必要があるので、読み込めない画像を取り除いてください</translation>
    </message>
    <message>
        <source>the network&apos;s input is a vector of {length} values, which is not a flattened square image (1·s·s or 3·s·s): give the Input block an image shape C,H,W</source>
        <translation>ネットワークの入力は {length} 個の値のベクトルで、平坦化した正方形の画像（1·s·s または 3·s·s）ではありません。Input ブロックに画像の形状 C,H,W を指定してください</translation>
    </message>
    <message>
        <source>the network&apos;s input shape {shape} is not an image (C,H,W)</source>
        <translation>ネットワークの入力の形状 {shape} は画像（C,H,W）ではありません</translation>
    </message>
    <message>
        <source>the network&apos;s input has {channels} channels; the images have {have} (use 1 or 3)</source>
        <translation>ネットワークの入力は {channels} チャンネルですが、画像は {have} チャンネルです（1 または 3 にしてください）</translation>
    </message>
    <message>
        <source>normalize=imagenet needs 3-channel input, the network takes {channels}</source>
        <translation>normalize=imagenet には 3 チャンネルの入力が必要ですが、ネットワークの入力は {channels} チャンネルです</translation>
    </message>
    <message>
        <source>no training images to compute the normalisation from</source>
        <translation>正規化を計算するための学習用画像がありません</translation>
    </message>
    <message>
        <source>{link}: a link back into the dataset ({real})</source>
        <translation>{link}: データセットの中を指し戻すリンクです（{real}）</translation>
    </message>
    <message>
        <source>{link}: reaches {real}, which another link already reached</source>
        <translation>{link}: {real} を指していますが、そこには既に別のリンクから到達しています</translation>
    </message>
    <message>
        <source>skipped {count} unreadable image(s)</source>
        <translation>読み込めない画像 {count} 枚をスキップしました</translation>
    </message>
    <message>
        <source>folder:{path}: no such folder</source>
        <translation>folder:{path}: フォルダがありません</translation>
    </message>
    <message>
        <source>folder:{path} has a {name}/ folder but no train/ folder beside it</source>
        <translation>folder:{path} には {name}/ フォルダがありますが、その横に train/ フォルダがありません</translation>
    </message>
    <message>
        <source>folder:{path}: no readable images found; expected one folder per class, like {example}/*.jpg and {example2}/*.jpg</source>
        <translation>folder:{path}: 読み込める画像が見つかりません。{example}/*.jpg や {example2}/*.jpg のように、クラスごとに 1 つのフォルダが必要です</translation>
    </message>
    <message>
        <source>ignored {folder}/ class folder(s) with no training images: {names}</source>
        <translation>学習用の画像がない {folder}/ のクラスフォルダを無視しました: {names}</translation>
    </message>
    <message>
        <source>folder:{path}: {val_root} holds no readable images of the training classes</source>
        <translation>folder:{path}: {val_root} に学習クラスの読み込める画像がありません</translation>
    </message>
    <message>
        <source>folder:{path}: too few images to hold out a validation share of {share:g}</source>
        <translation>folder:{path}: 画像が少なすぎて、検証用に {share:g} の割合を取り分けられません</translation>
    </message>
    <message>
        <source>{display} could not be read from {root} after downloading: {reason}</source>
        <translation>{display} をダウンロードした後、{root} から読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <source>{display} is not in {root} ({reason}): copy it there, or allow downloading (--download) when online</source>
        <translation>{display} が {root} にありません（{reason}）。そこにコピーするか、オンラインのときにダウンロード（--download）を許可してください</translation>
    </message>
    <message>
        <source>could not download {display} into {root} (offline?): {reason}</source>
        <translation>{display} を {root} にダウンロードできませんでした（オフラインですか？）: {reason}</translation>
    </message>
    <message>
        <source>{name}: images are {image_size}, the network takes {input_shape}</source>
        <translation>{name}: 画像は {image_size} ですが、ネットワークの入力は {input_shape} です</translation>
    </message>
    <message>
        <source>a detector trains one Detection output and no other head, for now</source>
        <translation>現在のところ、物体検出器は Detection 出力 1 つだけを学習し、他のヘッドは持てません</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>unknown parameter {key}</source>
        <translation>不明なパラメータ {key} です</translation>
    </message>
    <message>
        <source>the output would be {dims} = {total} values per image, more than a tensor can hold (2⁶³ − 1)</source>
        <translation>出力が画像 1 枚あたり {dims} = {total} 個の値になり、テンソルが保持できる上限（2⁶³ − 1）を超えます</translation>
    </message>
    <message>
        <source>a VAE decoder needs exactly one Sample Gaussian block, the graph has {count}</source>
        <translation>VAE のデコーダには Sample Gaussian ブロックがちょうど 1 つ必要ですが、グラフには {count} 個あります</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} を削除</translation>
    </message>
    <message>
        <source>its output feeds nothing: it is a dead branch that no output uses (connect it or delete it)</source>
        <translation>出力がどこにも接続されていません。どの出力層にも使われない行き止まりの分岐です（接続するか削除してください）</translation>
    </message>
    <message>
        <source>Insert between {name} and {target}</source>
        <translation>{name} と {target} の間に挿入</translation>
    </message>
    <message>
        <source>Connect to {name}</source>
        <translation>{name} に接続</translation>
    </message>
    <message>
        <source>Delete the branch from {first} ({count} blocks)</source>
        <translation>{first} からの分岐を削除（{count} ブロック）</translation>
    </message>
    <message>
        <source>every output head is auxiliary: evaluation ignores auxiliary heads, so the network needs a main one</source>
        <translation>出力層がすべて補助出力層です。評価では補助出力層を無視するので、主の出力層が必要です</translation>
    </message>
    <message>
        <source>Make {name} the main head</source>
        <translation>{name} を主の出力層にする</translation>
    </message>
    <message>
        <source>Add an auxiliary Classification output after {name}</source>
        <translation>{name} の後に分類の補助出力層を追加</translation>
    </message>
    <message>
        <source>Add a Classification output after {name} ({count} classes)</source>
        <translation>{name} の後に分類の出力層を追加（{count} クラス）</translation>
    </message>
    <message>
        <source>Add a Reconstruction output after {name}</source>
        <translation>{name} の後に再構成の出力層を追加</translation>
    </message>
    <message>
        <source>Reconnect to {name}{where}</source>
        <translation>{name} に再接続{where}</translation>
    </message>
    <message>
        <source>is part of a cycle: a network must flow one way</source>
        <translation>循環の一部になっています。ネットワークは一方向に流れる必要があります</translation>
    </message>
    <message>
        <source>unknown block type {type!r}</source>
        <translation>不明なブロックタイプ {type!r} です</translation>
    </message>
    <message>
        <source>the network has no Input block</source>
        <translation>ネットワークに Input ブロックがありません</translation>
    </message>
    <message>
        <source>the network has no output head: add a Classification, Reconstruction or Detection output to train it</source>
        <translation>ネットワークに出力層がありません。学習するには Classification、Reconstruction または Detection の出力を追加してください</translation>
    </message>
    <message>
        <source>an edge enters input {port!r}, which this block does not have (it has {ports})</source>
        <translation>接続が入力 {port!r} に入っていますが、このブロックにはその入力がありません（あるのは {ports} です）</translation>
    </message>
    <message>
        <source>Disconnect {port}</source>
        <translation>{port} を切断</translation>
    </message>
    <message>
        <source>input is not connected</source>
        <translation>入力が接続されていません</translation>
    </message>
    <message>
        <source>input {port} not connected</source>
        <translation>入力 {port} が接続されていません</translation>
    </message>
    <message>
        <source>inputs {ports} not connected</source>
        <translation>入力 {ports} が接続されていません</translation>
    </message>
    <message>
        <source>no inputs</source>
        <translation>入力なし</translation>
    </message>
    <message>
        <source>Remove {key}</source>
        <translation>{key} を削除</translation>
    </message>
    <message>
        <source>Set {key} to {value}</source>
        <translation>{key} を {value} に設定</translation>
    </message>
    <message>
        <source>Fix {count} parameters</source>
        <translation>{count} 個のパラメータを修正</translation>
    </message>
    <message>
        <source>the reconstruction is {shape} but its loss compares it with the input image {name!r} of {input_shape}: the shapes must be equal</source>
        <translation>再構成は {shape} ですが、損失はそれを {input_shape} の入力画像 {name!r} と比較します。形状が一致している必要があります</translation>
    </message>
    <message>
        <source>the discriminator reads {seen} images at {name!r} but the generator makes {shape} at {gen_name!r}: a discriminator judges the generator&apos;s images, so the shapes must be equal</source>
        <translation>識別器は {name!r} で {seen} の画像を読み込みますが、生成器は {gen_name!r} で {shape} を生成します。識別器は生成器の画像を判定するので、形状が一致している必要があります</translation>
    </message>
    <message>
        <source>Set shape to {shape}</source>
        <translation>形状を {shape} に設定</translation>
    </message>
    <message>
        <source>name {name} uses {part!r}, which PyTorch modules use for themselves</source>
        <translation>名前 {name} に {part!r} が使われていますが、これは PyTorch のモジュール自身が使う名前です</translation>
    </message>
    <message>
        <source>name {name} is not a dotted Python path like &apos;features.0&apos; or &apos;layer1.conv&apos;</source>
        <translation>名前 {name} は &apos;features.0&apos; や &apos;layer1.conv&apos; のようなドット区切りの Python パスではありません</translation>
    </message>
    <message>
        <source>name {name} uses the Python keyword {part!r}</source>
        <translation>名前 {name} に Python のキーワード {part!r} が使われています</translation>
    </message>
    <message>
        <source>name {name} has a part starting with &apos;__&apos;, which Python keeps for itself</source>
        <translation>名前 {name} に &apos;__&apos; で始まる部分があります。これは Python 自身が使うために予約されています</translation>
    </message>
    <message>
        <source>Rename to {fixed}</source>
        <translation>{fixed} に名前を変更</translation>
    </message>
    <message>
        <source>name {name} is already used by another node</source>
        <translation>名前 {name} は既に別のノードで使われています</translation>
    </message>
    <message>
        <source>Rename to {fresh}</source>
        <translation>{fresh} に名前を変更</translation>
    </message>
    <message>
        <source>name {parent} is also the parent path of {child}: two modules cannot share it</source>
        <translation>名前 {parent} は {child} の親パスでもあります。2 つのモジュールが同じパスを共有することはできません</translation>
    </message>
    <message>
        <source>{name} must be true or false, got {value}</source>
        <translation>{name} は true または false である必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}, got {value}</source>
        <translation>{name} は {choices} のいずれかである必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be a whole number, got {value}</source>
        <translation>{name} は整数である必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation>{name} は数値である必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be a whole number or a pair [h, w]{extra}, got {value}</source>
        <translation>{name} は整数または組 [h, w]{extra} である必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be 1 to 3 whole numbers from 1 to {max_dim} (C, H, W), got {value}</source>
        <translation>{name} は 1 から {max_dim} までの整数 1〜3 個（C, H, W）である必要がありますが、{value} が指定されています</translation>
    </message>
    <message>
        <source>{name} must be a list of at most {count} whole numbers, got {value}</source>
        <translation>{name} は {count} 個以下の整数のリストにしてください（指定値：{value}）</translation>
    </message>
    <message>
        <source>{name} = {value} is outside the allowed range [{low}, {high}]</source>
        <translation>{name} = {value} は許容範囲 [{low}, {high}] の外です</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>Paste {count} node(s)</source>
        <translation>{count} 個のノードを貼り付け</translation>
    </message>
    <message>
        <source>the clipboard does not hold CNN Studio blocks</source>
        <translation>クリップボードに CNN Studio のブロックがありません</translation>
    </message>
    <message>
        <source>the copied blocks come from another CNN Studio version ({get!r})</source>
        <translation>コピーされたブロックは別のバージョンの CNN Studio のものです（{get!r}）</translation>
    </message>
    <message>
        <source>the copied blocks include an unknown block type {type_name!r}</source>
        <translation>コピーされたブロックに不明なブロックタイプ {type_name!r} が含まれています</translation>
    </message>
    <message>
        <source>{name!r} is not a composite block: there is nothing to expand</source>
        <translation>{name!r} は複合ブロックではないため、展開するものがありません</translation>
    </message>
    <message>
        <source>cannot expand {name!r}: {problems}</source>
        <translation>{name!r} を展開できません: {problems}</translation>
    </message>
    <message>
        <source>cannot expand {name!r}: its shapes are unknown (connect it and fix its errors)</source>
        <translation>{name!r} を展開できません。形状が不明です（接続してエラーを修正してください）</translation>
    </message>
    <message>
        <source>cannot expand {name!r}: a node named {clash!r} already exists</source>
        <translation>{name!r} を展開できません。{clash!r} という名前のノードが既にあります</translation>
    </message>
    <message>
        <source>Expand {name}</source>
        <translation>{name} を展開</translation>
    </message>
    <message>
        <source>no nodes are named under {prefix!r}: nothing to collapse</source>
        <translation>{prefix!r} の下に名前を持つノードがないため、折りたたむものがありません</translation>
    </message>
    <message>
        <source>cannot collapse {prefix!r}</source>
        <translation>{prefix!r} を折りたためません</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>何もなし</translation>
    </message>
    <message>
        <source>{where}: a composite block has one input, but its parts are fed by {what}</source>
        <translation>{where}: 複合ブロックの入力は 1 つですが、その部品には {what} から入力されています</translation>
    </message>
    <message>
        <source>{where}: a composite block has one output, but {count} of its parts lead out</source>
        <translation>{where}: 複合ブロックの出力は 1 つですが、部品のうち {count} 個から外へ出ています</translation>
    </message>
    <message>
        <source>{where}: fix the errors of {name!r} first</source>
        <translation>{where}: 先に {name!r} のエラーを修正してください</translation>
    </message>
    <message>
        <source>{where}: {name!r} is not connected</source>
        <translation>{where}: {name!r} が接続されていません</translation>
    </message>
    <message>
        <source>{where}: some parts are frozen and some are not; freeze or unfreeze them all first</source>
        <translation>{where}: 凍結された部品とされていない部品が混在しています。先にすべてを凍結するか、すべての凍結を解除してください</translation>
    </message>
    <message>
        <source>{where}: the shape of its input {name!r} is unknown</source>
        <translation>{where}: 入力 {name!r} の形状が不明です</translation>
    </message>
    <message>
        <source>{where}: another node is already named {prefix!r}</source>
        <translation>{where}: 別のノードが既に {prefix!r} という名前です</translation>
    </message>
    <message>
        <source>Collapse {prefix}</source>
        <translation>{prefix} を折りたたむ</translation>
    </message>
    <message>
        <source>select the parts of an expanded block to collapse them</source>
        <translation>折りたたむには、展開したブロックの部品を選択してください</translation>
    </message>
    <message>
        <source>the selected nodes share no name prefix: an expanded block&apos;s parts are named &apos;block.part&apos;</source>
        <translation>選択したノードに共通の名前の接頭辞がありません。展開したブロックの部品は &apos;block.part&apos; という名前です</translation>
    </message>
    <message>
        <source>{where}: its parts do not form a composite block</source>
        <translation>{where}: 部品が複合ブロックを構成していません</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>{name} を追加</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>ノードを削除</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} を削除</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>Set {key}</source>
        <translation>{key} を設定</translation>
    </message>
    <message>
        <source>Rename to {name}</source>
        <translation>{name} に名前を変更</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>Unfreeze</source>
        <translation>凍結を解除</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>Insert {name}</source>
        <translation>{name} を挿入</translation>
    </message>
    <message>
        <source>Delete {count} node(s)</source>
        <translation>{count} 個のノードを削除</translation>
    </message>
    <message>
        <source>Unfreeze up to {name}</source>
        <translation>{name} までの凍結を解除</translation>
    </message>
    <message>
        <source>Freeze up to {name}</source>
        <translation>{name} まで凍結</translation>
    </message>
    <message>
        <source>no node with id {node_id!r}</source>
        <translation>ID が {node_id!r} のノードはありません</translation>
    </message>
    <message>
        <source>a node with id {id!r} already exists</source>
        <translation>ID が {id!r} のノードは既にあります</translation>
    </message>
    <message>
        <source>node {name!r} still has edges</source>
        <translation>ノード {name!r} にはまだ接続があります</translation>
    </message>
    <message>
        <source>both ends of an edge must be nodes of the graph</source>
        <translation>接続の両端はグラフのノードである必要があります</translation>
    </message>
    <message>
        <source>a node cannot feed itself</source>
        <translation>ノードを自分自身に接続することはできません</translation>
    </message>
    <message>
        <source>input {dst_port!r} of {name!r} is already connected</source>
        <translation>{name!r} の入力 {dst_port!r} は既に接続されています</translation>
    </message>
    <message>
        <source>no such edge</source>
        <translation>その接続はありません</translation>
    </message>
    <message>
        <source>a classifier needs at least 2 classes, got {classes!r}</source>
        <translation>分類器には 2 クラス以上が必要ですが、{classes!r} が指定されています</translation>
    </message>
    <message>
        <source>no classification or detection head to replace: the network needs a Linear (or 1×1 Conv) layer feeding a Classification output, or a Conv feeding a Detection output</source>
        <translation>置き換える分類・検出ヘッドがありません。Classification 出力につながる Linear（または 1×1 Conv）層か、Detection 出力につながる Conv 層が必要です</translation>
    </message>
    <message>
        <source>Replace head ({names}) with {classes} classes</source>
        <translation>ヘッド（{names}）を {classes} クラスに置き換え</translation>
    </message>
    <message>
        <source>{name!r} has several outputs: drop the block on the wire to use</source>
        <translation>{name!r} には出力が複数あります。使う接続（ワイヤー）の上にブロックをドロップしてください</translation>
    </message>
    <message>
        <source>Insert {name} after {anchor}</source>
        <translation>{anchor} の後に {name} を挿入</translation>
    </message>
    <message>
        <source>select the blocks to delete</source>
        <translation>削除するブロックを選択してください</translation>
    </message>
    <message>
        <source>{count} blocks</source>
        <translation>{count} 個のブロック</translation>
    </message>
    <message>
        <source>Delete {what} and reconnect</source>
        <translation>{what} を削除して再接続</translation>
    </message>
    <message>
        <source>Delete {what}</source>
        <translation>{what} を削除</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>the training script cannot train a VAE (a Sample Gaussian block: reconstruction + KL): train it with cnnstudio train or in the app</source>
        <translation>学習スクリプトは VAE（Sample Gaussian ブロック：再構成 + KL）を学習できません。cnnstudio train かアプリで学習してください</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>&apos;meta&apos; must be an object, got {kind}</source>
        <translation>&apos;meta&apos; はオブジェクトである必要がありますが、{kind} です</translation>
    </message>
    <message>
        <source>meta.{key} must be a string, got {kind}</source>
        <translation>meta.{key} は文字列である必要がありますが、{kind} です</translation>
    </message>
    <message>
        <source>meta.{key} is {length:,} characters long, more than the {limit:,} it may be</source>
        <translation>meta.{key} の長さは {length:,} 文字で、上限の {limit:,} 文字を超えています</translation>
    </message>
    <message>
        <source>meta.{key} must be one line of printable text, got {value}</source>
        <translation>meta.{key} は 1 行の表示可能なテキストである必要がありますが、{value} です</translation>
    </message>
    <message>
        <source>meta.preset must be a preset name like &apos;resnet18&apos;, got {preset}</source>
        <translation>meta.preset は &apos;resnet18&apos; のようなプリセット名である必要がありますが、{preset} です</translation>
    </message>
    <message>
        <source>meta.{key} must be an object, got {kind}</source>
        <translation>meta.{key} はオブジェクトである必要がありますが、{kind} です</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>true/false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>{where}: the name is {length:,} characters long, more than the {limit} it may be</source>
        <translation>{where}: 名前の長さは {length:,} 文字で、上限の {limit} 文字を超えています</translation>
    </message>
    <message>
        <source>{where} has an empty id</source>
        <translation>{where} の ID が空です</translation>
    </message>
    <message>
        <source>{where}: the id {node_id} must be printable and at most {limit} characters</source>
        <translation>{where}: ID {node_id} は表示可能な文字で {limit} 文字以内である必要があります</translation>
    </message>
    <message>
        <source>{where}: {key!r} must be a port name like &apos;in&apos; or &apos;in1&apos;, got {port}</source>
        <translation>{where}: {key!r} は &apos;in&apos; や &apos;in1&apos; のようなポート名である必要がありますが、{port} です</translation>
    </message>
    <message>
        <source>{where}: &apos;pos&apos; must be two numbers [x, y] within ±{limit:.0e}</source>
        <translation>{where}: &apos;pos&apos; は ±{limit:.0e} 以内の 2 つの数値 [x, y] である必要があります</translation>
    </message>
    <message>
        <source>{where}: &apos;params&apos; must be an object</source>
        <translation>{where}: &apos;params&apos; はオブジェクトである必要があります</translation>
    </message>
    <message>
        <source>{where}: parameter names must be strings, got {key}</source>
        <translation>{where}: パラメータ名は文字列である必要がありますが、{key} です</translation>
    </message>
    <message>
        <source>{key} = {value} is outside the range [−{limit}, {limit}] any parameter may take</source>
        <translation>{key} = {value} は、どのパラメータも取りうる範囲 [−{limit}, {limit}] の外です</translation>
    </message>
    <message>
        <source>{where}: values are nested too deeply</source>
        <translation>{where}: 値の入れ子が深すぎます</translation>
    </message>
    <message>
        <source>{where}: object keys must be strings</source>
        <translation>{where}: オブジェクトのキーは文字列である必要があります</translation>
    </message>
    <message>
        <source>{where}: numbers must be finite</source>
        <translation>{where}: 数値は有限である必要があります</translation>
    </message>
    <message>
        <source>{where}: {name} is not a JSON value</source>
        <translation>{where}: {name} は JSON の値ではありません</translation>
    </message>
    <message>
        <source>node {number}</source>
        <translation>ノード {number}</translation>
    </message>
    <message>
        <source>{where} (id {id})</source>
        <translation>{where}（ID {id}）</translation>
    </message>
    <message>
        <source>node {name!r}</source>
        <translation>ノード {name!r}</translation>
    </message>
    <message>
        <source>edge {number}</source>
        <translation>接続 {number}</translation>
    </message>
    <message>
        <source>cannot be saved: {reason}</source>
        <translation>保存できません: {reason}</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>読み込めません: {reason}</translation>
    </message>
    <message>
        <source>is larger than the {limit} MiB a project file may be</source>
        <translation>プロジェクトファイルの上限 {limit} MiB を超えています</translation>
    </message>
    <message>
        <source>is not a text file (not UTF-8)</source>
        <translation>テキストファイルではありません（UTF-8 ではありません）</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>空です</translation>
    </message>
    <message>
        <source>is not valid JSON ({detail}); the file may be truncated or corrupt</source>
        <translation>正しい JSON ではありません（{detail}）。ファイルが途中で切れているか壊れている可能性があります</translation>
    </message>
    <message>
        <source>is nested too deeply to be a project file</source>
        <translation>入れ子が深すぎるため、プロジェクトファイルとして読み込めません</translation>
    </message>
    <message>
        <source>{name} is not allowed in a project file</source>
        <translation>{name} はプロジェクトファイルでは使えません</translation>
    </message>
    <message>
        <source>the number {number} is too large</source>
        <translation>数値 {number} が大きすぎます</translation>
    </message>
    <message>
        <source>has no valid &apos;version&apos; number</source>
        <translation>有効な &apos;version&apos; 番号がありません</translation>
    </message>
    <message>
        <source>from the future</source>
        <translation>未来のもの</translation>
    </message>
    <message>
        <source>was written by a newer CNN Studio (file version {version}, this one reads up to {supported})</source>
        <translation>新しい CNN Studio で書かれたファイルです（ファイルのバージョンは {version}、このバージョンが読めるのは {supported} までです）</translation>
    </message>
    <message>
        <source>has an unknown file version {version}</source>
        <translation>不明なファイルバージョン {version} です</translation>
    </message>
    <message>
        <source>is not a CNN Studio project (the top level must be an object)</source>
        <translation>CNN Studio のプロジェクトではありません（最上位はオブジェクトである必要があります）</translation>
    </message>
    <message>
        <source>is not a CNN Studio project (expected &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>CNN Studio のプロジェクトではありません（&quot;format&quot;: &quot;{format}&quot; が必要です）</translation>
    </message>
    <message>
        <source>top level</source>
        <translation>最上位</translation>
    </message>
    <message>
        <source>{where} must be an object</source>
        <translation>{where} はオブジェクトである必要があります</translation>
    </message>
    <message>
        <source>{where} refers to a missing node {end}</source>
        <translation>{where} は存在しないノード {end} を参照しています</translation>
    </message>
    <message>
        <source>{where} repeats the id {node_id}</source>
        <translation>{where} の ID {node_id} が重複しています</translation>
    </message>
    <message>
        <source>{where} (id {node_id})</source>
        <translation>{where}（ID {node_id}）</translation>
    </message>
    <message>
        <source>{where} has an unknown block type {type_name}</source>
        <translation>{where} のブロックタイプ {type_name} は不明です</translation>
    </message>
    <message>
        <source>{where}: &apos;trainable&apos; must be true or false</source>
        <translation>{where}: &apos;trainable&apos; は true または false である必要があります</translation>
    </message>
    <message>
        <source>{where} has no {key!r}</source>
        <translation>{where} に {key!r} がありません</translation>
    </message>
    <message>
        <source>{where}: {key!r} must be {kind_name}</source>
        <translation>{where}: {key!r} は{kind_name}である必要があります</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>project file</source>
        <translation>プロジェクトファイル</translation>
    </message>
    <message>
        <source>weights file</source>
        <translation>重みファイル</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>checkpoint file</source>
        <translation>チェックポイントファイル</translation>
    </message>
    <message>
        <source>checkpoint sidecar</source>
        <translation>チェックポイントのサイドカー</translation>
    </message>
    <message>
        <source>image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>video</source>
        <translation>動画</translation>
    </message>
    <message>
        <source>annotation file</source>
        <translation>アノテーションファイル</translation>
    </message>
    <message>
        <source>COCO annotations file</source>
        <translation>COCO アノテーションファイル</translation>
    </message>
    <message>
        <source>Python file</source>
        <translation>Python ファイル</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>ファイルがありません</translation>
    </message>
    <message>
        <source>is not a usable file name</source>
        <translation>使用できるファイル名ではありません</translation>
    </message>
    <message>
        <source>is a folder, not a {what}</source>
        <translation>フォルダです（{what}ではありません）</translation>
    </message>
    <message>
        <source>is not a regular file (a pipe or a device), so it cannot be a {what}</source>
        <translation>通常のファイルではない（パイプまたはデバイス）ため、{what}として使えません</translation>
    </message>
    <message>
        <source>is {size}, larger than the {limit} a {what} may be</source>
        <translation>サイズが {size} で、{what}の上限 {limit} を超えています</translation>
    </message>
    <message>
        <source>is not a regular file, so it cannot be a {what}</source>
        <translation>通常のファイルではないため、{what}として使えません</translation>
    </message>
    <message>
        <source>is larger than the {limit} a {what} may be</source>
        <translation>{what}の上限 {limit} を超えています</translation>
    </message>
    <message>
        <source>cannot be written: {reason}</source>
        <translation>書き込めません: {reason}</translation>
    </message>
    <message>
        <source>is a folder: choose a file name</source>
        <translation>フォルダです。ファイル名を指定してください</translation>
    </message>
    <message>
        <source>is not a regular file (a device or a pipe): refusing to replace it</source>
        <translation>通常のファイルではない（デバイスまたはパイプ）ため、置き換えません</translation>
    </message>
    <message>
        <source>cannot be written: the file name is too long</source>
        <translation>書き込めません。ファイル名が長すぎます</translation>
    </message>
</context>
<context>
    <name>Insight</name>
    <message>
        <source>needs a classification output (batch × classes), the model returns {shape}</source>
        <translation>分類の出力（バッチ × クラス）が必要ですが、モデルは {shape} を返します</translation>
    </message>
    <message>
        <source>Grad-CAM needs a C×H×W feature map, node {name!r} gives {got}</source>
        <translation>Grad-CAM には C×H×W の特徴マップが必要ですが、ノード {name!r} の出力は {got} です</translation>
    </message>
    <message>
        <source>class {target} is out of range: the model has {classes} classes</source>
        <translation>クラス {target} は範囲外です。モデルのクラス数は {classes} です</translation>
    </message>
    <message>
        <source>the class score does not depend on node {name!r}</source>
        <translation>クラスのスコアはノード {name!r} に依存していません</translation>
    </message>
    <message>
        <source>expects a batch of outputs (batch × …), got shape {shape}</source>
        <translation>出力のバッチ（バッチ × …）が必要ですが、形状は {shape} です</translation>
    </message>
    <message>
        <source>the model is not a compiled graph (torch.fx.GraphModule)</source>
        <translation>モデルがコンパイル済みのグラフ（torch.fx.GraphModule）ではありません</translation>
    </message>
    <message>
        <source>expects a batch of images (batch × C × H × W), got shape {shape}</source>
        <translation>画像のバッチ（バッチ × C × H × W）が必要ですが、形状は {shape} です</translation>
    </message>
    <message>
        <source>{name}: not an image file (or a format that cannot be read)</source>
        <translation>{name}: 画像ファイルではありません（または読み込めない形式です）</translation>
    </message>
    <message>
        <source>{name}: too large to show ({reason})</source>
        <translation>{name}: 大きすぎて表示できません（{reason}）</translation>
    </message>
    <message>
        <source>{name}: cannot read the image ({reason})</source>
        <translation>{name}: 画像を読み込めません（{reason}）</translation>
    </message>
    <message>
        <source>the model&apos;s input {input_shape} is not a grey or RGB image</source>
        <translation>モデルの入力 {input_shape} はグレースケールまたは RGB の画像ではありません</translation>
    </message>
    <message>
        <source>expects a grey or RGB C×H×W image, got shape {shape}</source>
        <translation>グレースケールまたは RGB の C×H×W 画像が必要ですが、形状は {shape} です</translation>
    </message>
    <message>
        <source>cannot show a tensor of shape {shape} as maps</source>
        <translation>形状 {shape} のテンソルはマップとして表示できません</translation>
    </message>
    <message>
        <source>node {name!r} has no module (it is a function such as flatten or add)</source>
        <translation>ノード {name!r} にはモジュールがありません（flatten や add のような関数です）</translation>
    </message>
    <message>
        <source>node {name!r} has no convolution kernels to show</source>
        <translation>ノード {name!r} には表示する畳み込みのカーネル（フィルタ）がありません</translation>
    </message>
    <message>
        <source>{width}×{height} pixels, over the {limit}-megapixel limit</source>
        <translation>{width}×{height} ピクセルで、上限の {limit} メガピクセルを超えています</translation>
    </message>
    <message>
        <source>over the {limit}-megapixel limit ({reason})</source>
        <translation>上限の {limit} メガピクセルを超えています（{reason}）</translation>
    </message>
    <message>
        <source>the image must be a tensor, got {name}</source>
        <translation>画像はテンソルである必要がありますが、{name} です</translation>
    </message>
    <message>
        <source>expects one C×H×W image, got a tensor of shape {shape}</source>
        <translation>C×H×W の画像 1 枚が必要ですが、形状 {shape} のテンソルです</translation>
    </message>
    <message>
        <source>the model takes {expected} channel(s), the image has {shape}</source>
        <translation>モデルの入力は {expected} チャンネルですが、画像は {shape} チャンネルです</translation>
    </message>
    <message>
        <source>the model has no node named {name!r}</source>
        <translation>モデルに {name!r} という名前のノードはありません</translation>
    </message>
    <message>
        <source>node {name!r} does not produce a single tensor</source>
        <translation>ノード {name!r} の出力は 1 つのテンソルではありません</translation>
    </message>
    <message>
        <source>node {name!r} has no known shape</source>
        <translation>ノード {name!r} の形状は不明です</translation>
    </message>
    <message>
        <source>node {name!r} is not fed by an image input</source>
        <translation>ノード {name!r} は画像の入力につながっていません</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>LeNet-5 (LeCun 1998) with ReLU and max pooling: two 5×5 convolutions, three dense layers. The default project: trains on the bundled 8×8 digits in seconds.</source>
        <translation>LeNet-5（LeCun 1998、ReLU と最大プーリング）: 5×5 の畳み込み層 2 つと全結合層 3 つ。既定のプロジェクトで、同梱の 8×8 の数字データなら数秒で学習できます。</translation>
    </message>
    <message>
        <source>AlexNet (Krizhevsky 2012, torchvision&apos;s one-GPU variant): five convolutions with overlapping max pools, adaptive pooling to 6×6 and three dense layers with dropout. Same layers and state_dict keys as torchvision.models.alexnet, so its ImageNet weights load unchanged. Inputs from 63×63 up.</source>
        <translation>AlexNet（Krizhevsky 2012、torchvision の 1 GPU 版）: 重なりのある最大プーリングを挟んだ 5 つの畳み込み層、6×6 への適応プーリング、ドロップアウト付きの全結合層 3 つ。層も state_dict のキーも torchvision.models.alexnet と同じなので、ImageNet の重みをそのまま読み込めます。入力は 63×63 以上。</translation>
    </message>
    <message>
        <source>ConvNeXt-Tiny (Liu 2022): a 4×4 &apos;patchify&apos; stem, then 3+3+9+3 ConvNeXt blocks (7×7 depthwise convolution, LayerNorm, a 4× wider MLP with GELU, a learned per-channel scale, stochastic depth) in four stages joined by LayerNorm and 2×2 stride-2 convolutions. Same layers and state_dict keys as torchvision.models.convnext_tiny, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>ConvNeXt-Tiny（Liu 2022）: 4×4 の「パッチ化」ステムに続き、3+3+9+3 個の ConvNeXt ブロック（7×7 の depthwise 畳み込み、LayerNorm、GELU を使った 4 倍幅の MLP、チャンネルごとに学習するスケール、stochastic depth）を 4 つのステージに並べ、ステージの間を LayerNorm とストライド 2 の 2×2 畳み込みでつなぎます。層も state_dict のキーも torchvision.models.convnext_tiny と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>DenseNet-121 (Huang 2017): four dense blocks of 6, 12, 24 and 16 layers; each layer (BN-ReLU-1×1 conv, BN-ReLU-3×3 conv) adds 32 channels and reads the concatenation of everything before it in its block, so features are reused instead of relearned; transitions halve width and map. Same layers and state_dict keys as torchvision.models.densenet121, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>DenseNet-121（Huang 2017）: 6、12、24、16 層からなる 4 つの dense ブロック。各層（BN-ReLU-1×1 畳み込み、BN-ReLU-3×3 畳み込み）は 32 チャンネルを追加し、ブロック内でそれより前のすべての出力を連結したものを読むので、特徴を学び直さずに再利用します。遷移層で幅とマップを半分にします。層も state_dict のキーも torchvision.models.densenet121 と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>{name} needs a C,H,W input with height and width divisible by {by}, got {shape}</source>
        <translation>{name} には高さと幅が {by} で割り切れる C,H,W の入力が必要ですが、{shape} が指定されています</translation>
    </message>
    <message>
        <source>Small detector (CenterNet-style): six Conv-BN-ReLU layers take a 128×128 image to a 16×16 grid (stride 8), a 3×3 and a 1×1 convolution predict per cell a heat map per class, the box size and the centre&apos;s offset, and the Detection output turns the peaks into boxes. Trains on shapes-boxes in minutes on a CPU with its saved training config.</source>
        <translation>小さな物体検出器（CenterNet 方式）: 6 つの Conv-BN-ReLU 層で 128×128 の画像を 16×16 のグリッド（ストライド 8）にし、3×3 と 1×1 の畳み込みでセルごとにクラス別のヒートマップ、ボックスの大きさ、中心のずれを予測し、Detection 出力がピークをバウンディングボックスに変えます。保存された学習設定で、shapes-boxes なら CPU で数分で学習できます。</translation>
    </message>
    <message>
        <source>ResNet-18 detector (CenterNet-style): ResNet-18&apos;s stem and four stages with torchvision&apos;s names (conv1, bn1, layer1…layer4, so a torchvision resnet18 state_dict loads into the backbone; the head stays new), two transposed convolutions bring the stride-32 map back to stride 8, and a 3×3 and a 1×1 convolution feed the Detection output. For transfer learning: load, freeze the backbone, train the head.</source>
        <translation>ResNet-18 物体検出器（CenterNet 方式）: torchvision と同じ名前（conv1、bn1、layer1…layer4）の ResNet-18 のステムと 4 つのステージ（torchvision の resnet18 の state_dict をバックボーンに読み込めます。ヘッドは新しいままです）、ストライド 32 のマップをストライド 8 に戻す 2 つの転置畳み込み、Detection 出力につながる 3×3 と 1×1 の畳み込み。転移学習向け: 重みを読み込み、バックボーンを凍結し、ヘッドを学習します。</translation>
    </message>
    <message>
        <source>EfficientNet-B0 (Tan &amp; Le 2019): sixteen MBConv blocks — inverted residuals with squeeze-and-excitation gates and SiLU, stochastic depth on the shortcuts — the baseline that compound scaling widens, deepens and enlarges into B1–B7. Same layers and state_dict keys as torchvision.models.efficientnet_b0, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>EfficientNet-B0（Tan &amp; Le 2019）: 16 個の MBConv ブロック（squeeze-and-excitation ゲートと SiLU を使った inverted residual、ショートカット接続には stochastic depth）。複合スケーリングで幅・深さ・解像度を広げて B1〜B7 を作る基準のモデルです。層も state_dict のキーも torchvision.models.efficientnet_b0 と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>DCGAN for 1×28×28 digits (Radford 2015, sized for MNIST): a generator grows a 100-number latent vector through 4×4 transposed convolutions with batch norm and ReLU into a 28×28 image with tanh; a discriminator shrinks an image through 4×4 stride-2 convolutions with LeakyReLU 0.2 (and batch norm) to one real/fake logit. Two networks on one canvas, trained against each other (Adam, lr 2e-4, β1 0.5).</source>
        <translation>1×28×28 の数字用 DCGAN（Radford 2015、MNIST のサイズ）: 生成器は 100 個の数からなる潜在ベクトルを、バッチ正規化と ReLU 付きの 4×4 転置畳み込みで tanh の 28×28 画像に育てます。識別器は LeakyReLU 0.2（とバッチ正規化）付きのストライド 2 の 4×4 畳み込みで画像を縮め、本物／偽物のロジット 1 つにします。1 つのキャンバス上の 2 つのネットワークを互いに競わせて学習します（Adam、学習率 2e-4、β1 0.5）。</translation>
    </message>
    <message>
        <source>Convolutional VAE (Kingma 2013) for 1×28×28 digits: the autoencoder&apos;s encoder ends in two heads, mu and log σ² of a 16-number latent, a Sample Gaussian block draws z = mu + σ·ε while training (mu in evaluation), and the decoder paints z back into an image with a sigmoid. Trained on reconstruction plus a KL term; decoding samples from N(0, 1) generates new digits.</source>
        <translation>1×28×28 の数字用の畳み込み VAE（Kingma 2013）: オートエンコーダのエンコーダは 16 個の数からなる潜在変数の mu と log σ² の 2 つのヘッドで終わり、Sample Gaussian ブロックが学習中は z = mu + σ·ε を引き（評価時は mu）、デコーダが z を sigmoid で画像に描き戻します。再構成と KL 項で学習し、N(0, 1) からのサンプルをデコードすると新しい数字を画像生成できます。</translation>
    </message>
    <message>
        <source>GoogLeNet / Inception v1 (Szegedy 2014): nine inception modules (1×1, 3×3, &apos;5×5&apos; and pooling branches concatenated) and two auxiliary classifiers after inception4a and 4d whose losses count 0.3 in training and are ignored at evaluation. Same layers and state_dict keys as torchvision.models.googlenet (whose &apos;5×5&apos; branch is a 3×3), so its ImageNet weights load unchanged. Inputs from 15×15 up.</source>
        <translation>GoogLeNet / Inception v1（Szegedy 2014）: 9 つのインセプションモジュール（1×1、3×3、&apos;5×5&apos;、プーリングの各分岐を連結）と、inception4a と 4d の後の 2 つの補助分類器。補助分類器の損失（補助損失）は学習時に 0.3 の重みで数え、評価時は無視します。層も state_dict のキーも torchvision.models.googlenet（&apos;5×5&apos; の分岐は 3×3）と同じなので、ImageNet の重みをそのまま読み込めます。入力は 15×15 以上。</translation>
    </message>
    <message>
        <source>Convolutional autoencoder, image → 64-number code → image: two stride-2 convolutions and a 7×7 one squeeze a 1×28×28 image into a 64-number code, three transposed convolutions paint it back, and a sigmoid keeps pixels in 0..1. Trained to reproduce its input (reconstruction, MSE): the seed&apos;s &apos;generate images from learned features&apos;.</source>
        <translation>畳み込みオートエンコーダ（画像 → 64 個の数のコード → 画像）: ストライド 2 の畳み込み 2 つと 7×7 の畳み込み 1 つで 1×28×28 の画像を 64 個の数のコードに圧縮し、3 つの転置畳み込みで描き戻し、sigmoid で画素値を 0..1 に保ちます。入力を再現するように学習します（再構成、MSE）。学習した特徴から画像を生成する例です。</translation>
    </message>
    <message>
        <source>DCGAN generator (Radford 2015, as in PyTorch&apos;s DCGAN tutorial): a 100-number latent vector, given as a 100×1×1 map, grows through five 4×4 transposed convolutions with batch norm and ReLU into a 3×64×64 image with tanh. Node names match the tutorial&apos;s main.N, so its checkpoints load. It has no training target of its own: it is trained against a discriminator (adversarially), which the trainer does not do; use it to study transposed-convolution shapes or load generator weights.</source>
        <translation>DCGAN の生成器（Radford 2015、PyTorch の DCGAN チュートリアルと同じ）: 100×1×1 のマップとして与えた 100 個の数からなる潜在ベクトルを、バッチ正規化と ReLU 付きの 5 つの 4×4 転置畳み込みで tanh の 3×64×64 画像に育てます。ノード名はチュートリアルの main.N と同じなので、そのチェックポイントを読み込めます。生成器単独の学習目標はなく、識別器と競わせて（敵対的に）学習しますが、この学習機能はそれを行いません。転置畳み込みの形状の学習や、生成器の重みの読み込みに使ってください。</translation>
    </message>
    <message>
        <source>A small U-Net (Ronneberger 2015): three down stages (two Conv-BN-ReLU, 2×2 max pool), a bottom stage, and three up stages (2×2 transposed convolution, concatenated with the skip from the same depth, two Conv-BN-ReLU), then a 1×1 convolution and a sigmoid. Trained here to reproduce its input image (reconstruction, MSE) on the digits or shapes; for segmentation, give the last 1×1 convolution one channel per class. Height and width must be divisible by 8.</source>
        <translation>小さな U-Net（Ronneberger 2015）: 3 つの下りステージ（Conv-BN-ReLU 2 つと 2×2 の最大プーリング）、最下段のステージ、3 つの上りステージ（2×2 の転置畳み込み、同じ深さからのショートカット接続との連結、Conv-BN-ReLU 2 つ）、最後に 1×1 畳み込みと sigmoid。ここでは数字データや図形データで入力画像を再現するように学習します（再構成、MSE）。セグメンテーションに使うには、最後の 1×1 畳み込みをクラスごとに 1 チャンネルにしてください。高さと幅は 8 で割り切れる必要があります。</translation>
    </message>
    <message>
        <source>MobileNetV2 (Sandler 2018): seventeen inverted residuals — a 1×1 convolution widens 6×, a 3×3 depthwise convolution filters each channel alone, a linear 1×1 convolution narrows again, with a shortcut when the shape is kept; ReLU6 throughout. 3.5 M parameters. Same layers and state_dict keys as torchvision.models.mobilenet_v2, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>MobileNetV2（Sandler 2018）: 17 個の inverted residual（1×1 畳み込みで 6 倍に広げ、3×3 の depthwise 畳み込みでチャンネルごとに個別にフィルタし、線形の 1×1 畳み込みで再び狭める。形状が変わらないときはショートカット接続付き）。活性化関数はすべて ReLU6。パラメータは 3.5 M。層も state_dict のキーも torchvision.models.mobilenet_v2 と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>MobileNetV3-Large (Howard 2019): fifteen inverted residuals found by architecture search, 3×3 and 5×5 depthwise convolutions, squeeze-and-excitation gates and hard-swish activations (cheap on phones). Same layers and state_dict keys as torchvision.models.mobilenet_v3_large, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>MobileNetV3-Large（Howard 2019）: アーキテクチャ探索で見つけた 15 個の inverted residual、3×3 と 5×5 の depthwise 畳み込み、squeeze-and-excitation ゲート、hard-swish 活性化関数（スマートフォンで軽量）。層も state_dict のキーも torchvision.models.mobilenet_v3_large と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>MobileNetV3-Small (Howard 2019): eleven inverted residuals with squeeze-and-excitation gates and hard-swish, 2.5 M parameters for low-power devices. Same layers and state_dict keys as torchvision.models.mobilenet_v3_small, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>MobileNetV3-Small（Howard 2019）: squeeze-and-excitation ゲートと hard-swish を使った 11 個の inverted residual。低消費電力の機器向けでパラメータは 2.5 M。層も state_dict のキーも torchvision.models.mobilenet_v3_small と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>unknown preset {name!r}; choose one of: {names}</source>
        <translation>不明なプリセット {name!r} です。次のいずれかを選んでください: {names}</translation>
    </message>
    <message>
        <source>preset {name!r} is image-to-image and has no classes</source>
        <translation>プリセット {name!r} は画像から画像への変換で、クラスがありません</translation>
    </message>
    <message>
        <source>ResNet-{depth} (He 2015), {counts} residual basic modules: a 7×7 stem, then two 3×3 convolutions per module in four stages (each stage halves the map and doubles the width), global average pooling and one dense layer. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged; expand a layerN.M block to see inside.</source>
        <translation>ResNet-{depth}（He 2015、{counts} 個の basic 型残差モジュール）: 7×7 のステムに続き、モジュールごとに 3×3 の畳み込み 2 つを 4 つのステージに並べ（ステージごとにマップを半分、幅を 2 倍にします）、大域平均プーリング（GAP）と全結合層 1 つで終わります。層も state_dict のキーも torchvision.models.{name} と同じなので、ImageNet の重みをそのまま読み込めます。layerN.M のブロックを展開すると内部が見られます。</translation>
    </message>
    <message>
        <source>ResNet-{depth} (He 2015), {counts} residual bottleneck modules: a 7×7 stem, then 1×1, 3×3, 1×1 convolutions per module in four stages (each stage halves the map and doubles the width), global average pooling and one dense layer. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged; expand a layerN.M block to see inside.</source>
        <translation>ResNet-{depth}（He 2015、{counts} 個の bottleneck 型残差モジュール）: 7×7 のステムに続き、モジュールごとに 1×1、3×3、1×1 の畳み込みを 4 つのステージに並べ（ステージごとにマップを半分、幅を 2 倍にします）、大域平均プーリング（GAP）と全結合層 1 つで終わります。層も state_dict のキーも torchvision.models.{name} と同じなので、ImageNet の重みをそのまま読み込めます。layerN.M のブロックを展開すると内部が見られます。</translation>
    </message>
    <message>
        <source>ResNeXt-50 {groups}×{per_group}d (Xie 2017): {counts} bottleneck modules whose 3×3 convolution is split into {groups} groups of {per_group} channels (per 64): more paths for the same cost (&apos;cardinality&apos;). Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged; expand a layerN.M block to see inside.</source>
        <translation>ResNeXt-50 {groups}×{per_group}d（Xie 2017）: {counts} 個の bottleneck モジュールで、3×3 の畳み込みを（64 あたり）{per_group} チャンネルずつの {groups} グループに分けます。同じ計算量でより多くの経路を持たせます（「カーディナリティ」）。層も state_dict のキーも torchvision.models.{name} と同じなので、ImageNet の重みをそのまま読み込めます。layerN.M のブロックを展開すると内部が見られます。</translation>
    </message>
    <message>
        <source>ShuffleNetV2 1.0× (Ma 2018): sixteen units in three stages; a unit splits its channels in half, passes one half untouched and sends the other through 1×1 → 3×3 depthwise → 1×1, then shuffles the channels so the halves mix — fast on real hardware, not only in FLOPs. Same layers and state_dict keys as torchvision.models.shufflenet_v2_x1_0, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>ShuffleNetV2 1.0×（Ma 2018）: 3 つのステージに 16 個のユニット。各ユニットはチャンネルを半分に分け、片方はそのまま通し、もう片方を 1×1 → 3×3 depthwise → 1×1 に通してから、両方が混ざるようにチャンネルをシャッフルします。FLOPs の上だけでなく実際のハードウェアでも高速です。層も state_dict のキーも torchvision.models.shufflenet_v2_x1_0 と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>SqueezeNet 1.1 (Iandola 2016): eight Fire modules — a 1×1 squeeze layer feeding 1×1 and 3×3 expand layers side by side — and a 1×1 convolution as classifier, averaged over the map: no dense layer, 1.2 M parameters. Same layers and state_dict keys as torchvision.models.squeezenet1_1, so its ImageNet weights load unchanged. Inputs from 17×17 up.</source>
        <translation>SqueezeNet 1.1（Iandola 2016）: 8 つの Fire モジュール（1×1 の squeeze 層が、並んだ 1×1 と 3×3 の expand 層に入力します）と、マップ全体で平均する分類器としての 1×1 畳み込み。全結合層はなく、パラメータは 1.2 M。層も state_dict のキーも torchvision.models.squeezenet1_1 と同じなので、ImageNet の重みをそのまま読み込めます。入力は 17×17 以上。</translation>
    </message>
    <message>
        <source>VGG-{depth} (Simonyan 2014, configuration {cfg}): {convs} 3×3 convolutions in five stages closed by 2×2 max pools, then three dense layers. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>VGG-{depth}（Simonyan 2014、構成 {cfg}）: 2×2 の最大プーリングで区切られた 5 つのステージに {convs} 個の 3×3 畳み込み層、続いて全結合層 3 つ。層も state_dict のキーも torchvision.models.{name} と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
    <message>
        <source>VGG-{depth} (Simonyan 2014, configuration {cfg}, batch norm): {convs} 3×3 convolutions, each followed by batch norm and ReLU, in five stages closed by 2×2 max pools, then three dense layers. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged. Inputs from 32×32 up.</source>
        <translation>VGG-{depth}（Simonyan 2014、構成 {cfg}、バッチ正規化付き）: 2×2 の最大プーリングで区切られた 5 つのステージに、それぞれバッチ正規化と ReLU が続く {convs} 個の 3×3 畳み込み層、続いて全結合層 3 つ。層も state_dict のキーも torchvision.models.{name} と同じなので、ImageNet の重みをそのまま読み込めます。入力は 32×32 以上。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>generated image</source>
        <translation>生成画像</translation>
    </message>
    <message>
        <source>real/fake</source>
        <translation>本物／偽物</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>type</source>
        <translation>タイプ</translation>
    </message>
    <message>
        <source>output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>params</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>receptive field</source>
        <translation>受容野</translation>
    </message>
    <message>
        <source> (frozen)</source>
        <translation>（凍結）</translation>
    </message>
    <message>
        <source>Total params: {total:,} (trainable {trainable:,}, frozen {frozen:,})   MACs: {macs} per image</source>
        <translation>パラメータ合計: {total:,}（学習対象 {trainable:,}、凍結 {frozen:,}）   積和演算数（MACs）: 画像 1 枚あたり {macs}</translation>
    </message>
    <message>
        <source>{name}{roles}: {params:,} params, MACs: {macs} per image</source>
        <translation>{name}{roles}: パラメータ {params:,}、積和演算数（MACs）: 画像 1 枚あたり {macs}</translation>
    </message>
    <message>
        <source>{count} problem(s):</source>
        <translation>問題が {count} 件あります:</translation>
    </message>
    <message>
        <source>graph</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>問題はありません。</translation>
    </message>
</context>
<context>
    <name>Runs</name>
    <message>
        <source>not a training run (it has no run.json)</source>
        <translation>学習の実行記録ではありません（run.json がありません）</translation>
    </message>
    <message>
        <source>run.json cannot be read: {reason}</source>
        <translation>run.json を読み込めません: {reason}</translation>
    </message>
    <message>
        <source>run.json is not valid JSON</source>
        <translation>run.json は正しい JSON ではありません</translation>
    </message>
    <message>
        <source>run.json is not a CNN Studio run</source>
        <translation>run.json は CNN Studio の実行記録ではありません</translation>
    </message>
    <message>
        <source>a run needs a name</source>
        <translation>実行には名前が必要です</translation>
    </message>
    <message>
        <source>cannot be deleted: {reason}</source>
        <translation>削除できません: {reason}</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>device {name} is not available here (no usable NVIDIA GPU): use cpu or auto</source>
        <translation>デバイス {name} はここでは使えません（使える NVIDIA GPU がありません）。cpu または auto を使ってください</translation>
    </message>
    <message>
        <source>device {name} does not exist: this machine has {gpus} GPU(s)</source>
        <translation>デバイス {name} はありません。このマシンの GPU は {gpus} 台です</translation>
    </message>
    <message>
        <source>device mps is not available here (Apple GPU): use cpu or auto</source>
        <translation>デバイス mps（Apple GPU）はここでは使えません。cpu または auto を使ってください</translation>
    </message>
    <message>
        <source>{weights}: does not fit this network ({reason})</source>
        <translation>{weights}: このネットワークに合いません（{reason}）</translation>
    </message>
    <message>
        <source>{spec} has no boxes: a detector is evaluated on box data (shapes-boxes, coco:…)</source>
        <translation>{spec} にはバウンディングボックスがありません。物体検出器はボックス付きのデータ（shapes-boxes、coco:…）で評価します</translation>
    </message>
    <message>
        <source>evaluate knows classifiers and detectors; this network&apos;s main output is neither</source>
        <translation>evaluate が扱えるのは分類器と物体検出器ですが、このネットワークのメインの出力はどちらでもありません</translation>
    </message>
    <message>
        <source>box data needs a detector: evaluate a classifier on class-labelled data</source>
        <translation>ボックス付きのデータには物体検出器が必要です。分類器はクラスラベル付きのデータで評価してください</translation>
    </message>
    <message>
        <source>cannot write tensors ({reason})</source>
        <translation>テンソルを書き出せません（{reason}）</translation>
    </message>
    <message>
        <source>{path}: no checkpoint there ({reason})</source>
        <translation>{path}: チェックポイントがありません（{reason}）</translation>
    </message>
    <message>
        <source>{path}: no checkpoint there (expected {name} from a training run)</source>
        <translation>{path}: チェックポイントがありません（学習で作られる {name} が必要です）</translation>
    </message>
    <message>
        <source>{sidecar}: its tensor file {files} is missing (copy the whole folder, not only the .json and .safetensors beside it)</source>
        <translation>{sidecar}: テンソルのファイル {files} がありません（.json とその横の .safetensors だけでなく、フォルダ全体をコピーしてください）</translation>
    </message>
    <message>
        <source>{sidecar}: not a readable checkpoint ({reason})</source>
        <translation>{sidecar}: 読み込めるチェックポイントではありません（{reason}）</translation>
    </message>
    <message>
        <source>{sidecar}: not a CNN Studio checkpoint</source>
        <translation>{sidecar}: CNN Studio のチェックポイントではありません</translation>
    </message>
    <message>
        <source>{sidecar}: version must be a whole number ≥ 1, got {version!r}</source>
        <translation>{sidecar}: version は 1 以上の整数である必要がありますが、{version!r} です</translation>
    </message>
    <message>
        <source>{sidecar}: written by a newer CNN Studio (version {version!r})</source>
        <translation>{sidecar}: 新しい CNN Studio で書かれています（バージョン {version!r}）</translation>
    </message>
    <message>
        <source>{sidecar}: incomplete checkpoint (no {missing})</source>
        <translation>{sidecar}: 不完全なチェックポイントです（{missing} がありません）</translation>
    </message>
    <message>
        <source>checkpoint {sidecar} is damaged (checksum mismatch): {name} is not the file that was saved</source>
        <translation>チェックポイント {sidecar} が壊れています（チェックサムが一致しません）。{name} は保存されたファイルではありません</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason})</source>
        <translation>{path}: 読み込めません（{reason}）</translation>
    </message>
    <message>
        <source>{path}: does not belong to its .json sidecar (a save was interrupted); use another</source>
        <translation>{path}: .json のサイドカーと対応していません（保存が中断されました）。別のものを使ってください</translation>
    </message>
    <message>
        <source>{path}: holds no optimiser state to resume from</source>
        <translation>{path}: 再開に使う最適化手法（オプティマイザ）の状態がありません</translation>
    </message>
    <message>
        <source>{path}: the optimiser tensor {tensor!r} is missing</source>
        <translation>{path}: 最適化手法（オプティマイザ）のテンソル {tensor!r} がありません</translation>
    </message>
    <message>
        <source>{path}: the optimiser state does not fit ({reason})</source>
        <translation>{path}: 最適化手法（オプティマイザ）の状態が合いません（{reason}）</translation>
    </message>
    <message>
        <source>{path}: the random number generator state is damaged ({reason})</source>
        <translation>{path}: 乱数生成器の状態が壊れています（{reason}）</translation>
    </message>
    <message>
        <source>{where} does not fit this network ({parts})</source>
        <translation>{where} はこのネットワークに合いません（{parts}）</translation>
    </message>
    <message>
        <source>{where} holds tensors that are not floating-point weights: {few}</source>
        <translation>{where} に浮動小数点の重みではないテンソルが含まれています: {few}</translation>
    </message>
    <message>
        <source>the .cnn.json project (its saved training config is the starting point)</source>
        <translation>.cnn.json のプロジェクト（保存された学習設定が出発点になります）</translation>
    </message>
    <message>
        <source>digits (default), shapes[:N], folder:PATH, mnist:ROOT, fashion-mnist:ROOT or cifar10:ROOT</source>
        <translation>digits（既定）、shapes[:N]、folder:PATH、mnist:ROOT、fashion-mnist:ROOT または cifar10:ROOT</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>auto (cuda, then mps, then cpu), cpu, cuda, cuda:N or mps</source>
        <translation>auto（cuda、次に mps、次に cpu）、cpu、cuda、cuda:N または mps</translation>
    </message>
    <message>
        <source>any training config key, e.g. --set schedule=cosine --set augment.rotation=15</source>
        <translation>学習設定の任意のキー。例: --set schedule=cosine --set augment.rotation=15</translation>
    </message>
    <message>
        <source>also write every event as a JSON line to this file (folders are created)</source>
        <translation>すべてのイベントを JSON の行としてこのファイルにも書き出す（フォルダは作成されます）</translation>
    </message>
    <message>
        <source>write last/best checkpoints here (created if needed)</source>
        <translation>last/best のチェックポイントをここに書き出す（必要なら作成されます）</translation>
    </message>
    <message>
        <source>continue from a checkpoint: its folder (its last), .json, .safetensors or stem (runs/a/best)</source>
        <translation>チェックポイントから続ける: そのフォルダ（その last）、.json、.safetensors、または拡張子なしの名前（runs/a/best）</translation>
    </message>
    <message>
        <source>start from these weights (matching names and shapes): .safetensors, .pth, or a checkpoint (runs/a/best)</source>
        <translation>この重みから始める（名前と形状が一致するもの）: .safetensors、.pth、またはチェックポイント（runs/a/best）</translation>
    </message>
    <message>
        <source>download MNIST/Fashion-MNIST/CIFAR-10 if missing</source>
        <translation>MNIST/Fashion-MNIST/CIFAR-10 がなければダウンロードする</translation>
    </message>
    <message>
        <source>CPU threads (default: all cores but one)</source>
        <translation>CPU のスレッド数（既定: 1 コアを除くすべて）</translation>
    </message>
    <message>
        <source>no progress output, only the result line</source>
        <translation>進捗を表示せず、結果の行だけを出力する</translation>
    </message>
    <message>
        <source>--threads must be at least 1, got {threads}</source>
        <translation>--threads は 1 以上である必要がありますが、{threads} が指定されています</translation>
    </message>
    <message>
        <source>rank {rank}: {reason}</source>
        <translation>ランク {rank}: {reason}</translation>
    </message>
    <message>
        <source>--metrics {metrics}: cannot be written ({reason})</source>
        <translation>--metrics {metrics}: 書き込めません（{reason}）</translation>
    </message>
    <message>
        <source>
stopping after this batch (Ctrl-C again to abort)</source>
        <translation>
このバッチの後で停止します（中断するにはもう一度 Ctrl-C）</translation>
    </message>
    <message>
        <source>training config must be an object, got {name}</source>
        <translation>学習設定はオブジェクトである必要がありますが、{name} です</translation>
    </message>
    <message>
        <source>training config: augment must be an object, got {aug!r}</source>
        <translation>学習設定: augment はオブジェクトである必要がありますが、{aug!r} です</translation>
    </message>
    <message>
        <source>training config: betas must be [beta1, beta2], got {value!r}</source>
        <translation>学習設定：betas は [beta1, beta2] の形で指定してください（指定値：{value!r}）</translation>
    </message>
    <message>
        <source>training config: {key} must be a file name, got {value!r}</source>
        <translation>学習設定：{key} はファイル名にしてください（指定値：{value!r}）</translation>
    </message>
    <message>
        <source>training config: score_classifier and score_weights go together (a project and its weights)</source>
        <translation>学習設定：score_classifier と score_weights は一緒に指定してください（プロジェクトとその重み）</translation>
    </message>
    <message>
        <source>training config: device must be auto, cpu, cuda, cuda:N or mps, got {device!r}</source>
        <translation>学習設定: device は auto、cpu、cuda、cuda:N または mps である必要がありますが、{device!r} です</translation>
    </message>
    <message>
        <source>training config: data must be a data spec like &apos;digits&apos;, got {data!r}</source>
        <translation>学習設定: data は &apos;digits&apos; のようなデータ指定である必要がありますが、{data!r} です</translation>
    </message>
    <message>
        <source>training config: augment.hflip must be true or false, got {hflip!r}</source>
        <translation>学習設定: augment.hflip は true または false である必要がありますが、{hflip!r} です</translation>
    </message>
    <message>
        <source>training config: augment.scale must be [lo, hi] with 0.1 ≤ lo ≤ hi ≤ 10, got {value}</source>
        <translation>学習設定: augment.scale は 0.1 ≤ lo ≤ hi ≤ 10 を満たす [lo, hi] である必要がありますが、{value} です</translation>
    </message>
    <message>
        <source>--set expects KEY=VALUE (e.g. optimizer=sgd), got {text!r}</source>
        <translation>--set には KEY=VALUE（例: optimizer=sgd）が必要ですが、{text!r} が指定されています</translation>
    </message>
    <message>
        <source>{where}: unknown key(s) {names} (known: {known})</source>
        <translation>{where}: 不明なキー {names} です（使えるキー: {known}）</translation>
    </message>
    <message>
        <source>training config: augment.scale must be [lo, hi], got {value!r}</source>
        <translation>学習設定: augment.scale は [lo, hi] である必要がありますが、{value!r} です</translation>
    </message>
    <message>
        <source>training config: {name} must be one of {choices}, got {value!r}</source>
        <translation>学習設定: {name} は {choices} のいずれかである必要がありますが、{value!r} です</translation>
    </message>
    <message>
        <source>training config: {name} must be a number {names}, got {value!r}</source>
        <translation>学習設定: {name} は {names} の数値である必要がありますが、{value!r} です</translation>
    </message>
    <message>
        <source>{low} and {high}</source>
        <translation>{low} かつ {high}</translation>
    </message>
    <message>
        <source>training config: {name} must be a whole number from {lo} to {hi}, got {value!r}</source>
        <translation>学習設定: {name} は {lo} から {hi} までの整数である必要がありますが、{value!r} です</translation>
    </message>
    <message>
        <source>detection metrics need faster-coco-eval or pycocotools: pip install faster-coco-eval</source>
        <translation>物体検出の評価指標には faster-coco-eval または pycocotools が必要です: pip install faster-coco-eval</translation>
    </message>
    <message>
        <source>inconsistent launch: RANK {rank}, LOCAL_RANK {local_rank} of WORLD_SIZE {world}</source>
        <translation>起動設定が矛盾しています: WORLD_SIZE {world} に対して RANK {rank}、LOCAL_RANK {local_rank} です</translation>
    </message>
    <message>
        <source>{name}={value!r} in the environment: torchrun sets it to a whole number</source>
        <translation>環境変数が {name}={value!r} です。torchrun はこれを整数に設定します</translation>
    </message>
    <message>
        <source>this PyTorch build has no torch.distributed: run without torchrun</source>
        <translation>この PyTorch には torch.distributed がありません。torchrun を使わずに実行してください</translation>
    </message>
    <message>
        <source>process {local_rank} of {per_node} on this machine has no GPU (there are {gpus}): start at most that many processes per node</source>
        <translation>このマシンのプロセス {local_rank}（全 {per_node} 個）に割り当てる GPU がありません（GPU は {gpus} 台です）。1 ノードあたりのプロセス数はその台数までにしてください</translation>
    </message>
    <message>
        <source>cannot join the distributed run ({backend}): {reason}</source>
        <translation>分散学習に参加できません（{backend}）: {reason}</translation>
    </message>
    <message>
        <source>, over {factor:.0e} times the first loss {first:.4g}</source>
        <translation>。最初の損失 {first:.4g} の {factor:.0e} 倍を超えています</translation>
    </message>
    <message>
        <source>The last good checkpoint is {checkpoint}.</source>
        <translation>最後の正常なチェックポイントは {checkpoint} です。</translation>
    </message>
    <message>
        <source>No checkpoint had been written yet.</source>
        <translation>チェックポイントはまだ書き出されていませんでした。</translation>
    </message>
    <message>
        <source>The input images contain NaN or infinite values: check the data.</source>
        <translation>入力画像に NaN または無限大の値が含まれています。データを確認してください。</translation>
    </message>
    <message>
        <source>The learning rate {lr:g} is probably too high: try {lower:.0e} or lower.</source>
        <translation>学習率 {lr:g} はおそらく高すぎます。{lower:.0e} 以下を試してください。</translation>
    </message>
    <message>
        <source>the loss became {loss:.4g} at step {step} (epoch {epoch}, batch {batch} of {batches}){why}</source>
        <translation>ステップ {step}（エポック {epoch}、バッチ {batch}/{batches}）で損失が {loss:.4g} になりました{why}</translation>
    </message>
    <message>
        <source>the validation loss became {loss:.4g} after epoch {epoch} (step {step}){why}</source>
        <translation>エポック {epoch}（ステップ {step}）の後、検証の損失が {loss:.4g} になりました{why}</translation>
    </message>
    <message>
        <source>{where}. {advice} {kept}</source>
        <translation>{where}。{advice}{kept}</translation>
    </message>
    <message>
        <source>{device} × {processes} processes</source>
        <translation>{device} × {processes} プロセス</translation>
    </message>
    <message>
        <source>{epochs} epochs of {batches} batches per process</source>
        <translation>{batches} バッチ × {epochs} エポック（プロセスごと）</translation>
    </message>
    <message>
        <source>{epochs} epochs of {batches} batches</source>
        <translation>{batches} バッチ × {epochs} エポック</translation>
    </message>
    <message>
        <source>training {trainable:,} of {params:,} parameters on {where}; {data}: {train:,} training / {val:,} validation images, {classes} classes; {plan}</source>
        <translation>{where} でパラメータ {params:,} 個のうち {trainable:,} 個を学習します。{data}: 学習用 {train:,} 枚 / 検証用 {val:,} 枚、{classes} クラス。{plan}</translation>
    </message>
    <message>
        <source> (resuming at epoch {epoch})</source>
        <translation>（エポック {epoch} から再開）</translation>
    </message>
    <message>
        <source> · samples: confidence {confidence:.2f}, {covered}/{classes} classes</source>
        <translation> · サンプル：確信度 {confidence:.2f}、{covered}/{classes} クラス</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}: train loss {train_loss:.4f}{acc} · val loss {val_loss:.4f}{vacc} · {seconds:.1f} s</source>
        <translation>エポック {epoch}/{epochs}: 学習の損失 {train_loss:.4f}{acc} · 検証の損失 {val_loss:.4f}{vacc} · {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source> · best</source>
        <translation> · 最良</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>警告: {message}</translation>
    </message>
    <message>
        <source>stopped in epoch {epoch} after batch {batch}</source>
        <translation>エポック {epoch} のバッチ {batch} の後で停止しました</translation>
    </message>
    <message>
        <source>stopped after epoch {epoch}</source>
        <translation>エポック {epoch} の後で停止しました</translation>
    </message>
    <message>
        <source>; checkpoint {checkpoint}</source>
        <translation>。チェックポイント: {checkpoint}</translation>
    </message>
    <message>
        <source>; no checkpoint written</source>
        <translation>。チェックポイントは書き出されていません</translation>
    </message>
    <message>
        <source>the network has no output head to train: end it with a Classification output (cross-entropy) or a Reconstruction output (MSE against the input)</source>
        <translation>学習する出力層がありません。ネットワークの最後に Classification 出力（交差エントロピー）または Reconstruction 出力（入力との MSE）を置いてください</translation>
    </message>
    <message>
        <source>the network&apos;s main output {name!r} has no loss: end it with an output head</source>
        <translation>ネットワークのメインの出力 {name!r} に損失がありません。最後に出力層を置いてください</translation>
    </message>
    <message>
        <source>every layer is frozen: nothing to train (unfreeze some nodes)</source>
        <translation>すべての層が凍結されていて、学習するものがありません（いくつかのノードの凍結を解除してください）</translation>
    </message>
    <message>
        <source>the digits</source>
        <translation>数字データ</translation>
    </message>
    <message>
        <source>the shapes</source>
        <translation>図形データ</translation>
    </message>
    <message>
        <source>the MNIST images</source>
        <translation>MNIST の画像</translation>
    </message>
    <message>
        <source>the Fashion-MNIST images</source>
        <translation>Fashion-MNIST の画像</translation>
    </message>
    <message>
        <source>the CIFAR-10 images</source>
        <translation>CIFAR-10 の画像</translation>
    </message>
    <message>
        <source>the images in {folder}</source>
        <translation>{folder} の画像</translation>
    </message>
    <message>
        <source>Replace head with {classes} classes</source>
        <translation>ヘッドを {classes} クラスに置き換え</translation>
    </message>
    <message>
        <source>The head has {head} outputs but {data} have {classes} classes.</source>
        <translation>ヘッドの出力は {head} 個ですが、{data}は {classes} クラスあります。</translation>
    </message>
    <message>
        <source>Train with {head} outputs</source>
        <translation>出力 {head} 個のまま学習</translation>
    </message>
    <message>
        <source>The head has {head} outputs but {data} have only {classes} classes: {unused} outputs would never be the answer.</source>
        <translation>ヘッドの出力は {head} 個ですが、{data}は {classes} クラスしかありません。{unused} 個の出力は決して答えになりません。</translation>
    </message>
    <message>
        <source>grayscale</source>
        <translation>グレースケール</translation>
    </message>
    <message>
        <source>Set Input to 3 channels</source>
        <translation>Input を 3 チャンネルに設定</translation>
    </message>
    <message>
        <source>The Input has {channels} channels: images load as 1 or 3.</source>
        <translation>Input は {channels} チャンネルですが、画像は 1 または 3 チャンネルで読み込まれます。</translation>
    </message>
    <message>
        <source>{data} are loaded as {mode} and resized to {h}×{w}.</source>
        <translation>{data}は {mode} で読み込まれ、{h}×{w} にリサイズされます。</translation>
    </message>
    <message>
        <source>Set Input to {c}×{h}×{w}</source>
        <translation>Input を {c}×{h}×{w} に設定</translation>
    </message>
    <message>
        <source>The Input has {channels} channels but {data} are {dc}-channel images ({dc}×{dh}×{dw}).</source>
        <translation>Input は {channels} チャンネルですが、{data}は {dc} チャンネルの画像（{dc}×{dh}×{dw}）です。</translation>
    </message>
    <message>
        <source>{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be converted to grayscale (luma) and resized to {h}×{w}.</source>
        <translation>{data}は {dc}×{dh}×{dw} ですが、Input は {c}×{h}×{w} です。画像はグレースケール（輝度）に変換され、{h}×{w} にリサイズされます。</translation>
    </message>
    <message>
        <source>{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be converted to grayscale (luma).</source>
        <translation>{data}は {dc}×{dh}×{dw} ですが、Input は {c}×{h}×{w} です。画像はグレースケール（輝度）に変換されます。</translation>
    </message>
    <message>
        <source>{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be repeated into 3 identical channels and resized to {h}×{w}.</source>
        <translation>{data}は {dc}×{dh}×{dw} ですが、Input は {c}×{h}×{w} です。画像は同じ内容の 3 チャンネルに複製され、{h}×{w} にリサイズされます。</translation>
    </message>
    <message>
        <source>{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be repeated into 3 identical channels.</source>
        <translation>{data}は {dc}×{dh}×{dw} ですが、Input は {c}×{h}×{w} です。画像は同じ内容の 3 チャンネルに複製されます。</translation>
    </message>
    <message>
        <source>Train with {c}×{h}×{w}</source>
        <translation>{c}×{h}×{w} のまま学習</translation>
    </message>
    <message>
        <source>{data} are {dh}×{dw} images: they are enlarged to {h}×{w} to fit the Input (bilinear).</source>
        <translation>{data}は {dh}×{dw} の画像です。Input に合わせて {h}×{w} に拡大されます（バイリニア）。</translation>
    </message>
    <message>
        <source>{data} are {dh}×{dw} images: they are shrunk to {h}×{w} to fit the Input (bilinear).</source>
        <translation>{data}は {dh}×{dw} の画像です。Input に合わせて {h}×{w} に縮小されます（バイリニア）。</translation>
    </message>
    <message>
        <source>Set input to {shape}</source>
        <translation>入力を {shape} に設定</translation>
    </message>
    <message>
        <source>layer health not available: {reason}</source>
        <translation>層の健全性は利用できません: {reason}</translation>
    </message>
    <message>
        <source>cannot write the checkpoint into {folder}: {reason}</source>
        <translation>{folder} にチェックポイントを書き出せません: {reason}</translation>
    </message>
    <message>
        <source>{path} has already trained {start_epoch} of {epochs} epochs: ask for more epochs to continue</source>
        <translation>{path} は {epochs} エポックのうち {start_epoch} エポックを学習済みです。続けるにはエポック数を増やしてください</translation>
    </message>
    <message>
        <source>{path} was stopped in the middle of epoch {epoch} of a run with {processes} process(es): resume it with {processes}, or from an epoch&apos;s end with any number</source>
        <translation>{path} は {processes} プロセスでの学習のエポック {epoch} の途中で停止されました。{processes} プロセスで再開するか、エポックの終わりのチェックポイントから任意のプロセス数で再開してください</translation>
    </message>
    <message>
        <source>{project}: names the weights file {named!r}, which cannot be used: {why}</source>
        <translation>{project}：重みファイル {named!r} を指定していますが、使えません：{why}</translation>
    </message>
    <message>
        <source>{project}: names the weights file {named!r}, which is outside the project&apos;s folder; a project&apos;s weights are read only from its folder (give another file with --weights)</source>
        <translation>{project}：重みファイル {named!r} はプロジェクトのフォルダの外にあります。プロジェクトの重みはそのフォルダからしか読みません（--weights で別のファイルを指定してください）</translation>
    </message>
    <message>
        <source>{project}: names the weights file {named}, which is not there</source>
        <translation>{project}: 重みファイル {named} を指定していますが、そのファイルがありません</translation>
    </message>
    <message>
        <source>{path}: no tensor matches this network by name and shape</source>
        <translation>{path}: 名前と形状がこのネットワークに一致するテンソルがありません</translation>
    </message>
    <message>
        <source>the classification head {name!r} has {outputs} outputs but the data has {classes} classes: give the layer before it {classes} outputs</source>
        <translation>分類ヘッド {name!r} の出力は {outputs} 個ですが、データは {classes} クラスあります。その前の層の出力を {classes} 個にしてください</translation>
    </message>
    <message>
        <source>the head {name!r} has {outputs} outputs for {classes} classes</source>
        <translation>ヘッド {name!r} の出力は {classes} クラスに対して {outputs} 個です</translation>
    </message>
    <message>
        <source>the network detects objects but {spec} has no boxes: use shapes-boxes, coco:, voc: or yolo:</source>
        <translation>このネットワークは物体検出を行いますが、{spec} にはバウンディングボックスがありません。shapes-boxes、coco:、voc: または yolo: を使ってください</translation>
    </message>
    <message>
        <source>{spec} is box data: it trains a network that ends in a Detection output</source>
        <translation>{spec} はボックス付きのデータです。最後が Detection 出力のネットワークを学習するためのものです</translation>
    </message>
    <message>
        <source>the detection head has num_classes {num_classes} but the data has {classes} classes ({names}{more}): set num_classes to {classes} and the convolution before it to {channels} channels</source>
        <translation>物体検出のヘッドは num_classes が {num_classes} ですが、データは {classes} クラス（{names}{more}）あります。num_classes を {classes} に、その前の畳み込みを {channels} チャンネルに設定してください</translation>
    </message>
    <message>
        <source>{project}: the training config names {named!r}, which is outside the project&apos;s folder</source>
        <translation>{project}：学習設定が指定する {named!r} はプロジェクトのフォルダの外にあります</translation>
    </message>
    <message>
        <source>out of memory: lower the batch size (or use a smaller network or input)</source>
        <translation>メモリが不足しています。バッチサイズを小さくしてください（またはより小さなネットワークや入力を使ってください）</translation>
    </message>
    <message>
        <source>{sidecar}: {key} must be {expected}, got {shown}</source>
        <translation>{sidecar}: {key} は {expected} である必要がありますが、{shown} です</translation>
    </message>
    <message>
        <source>a whole number ≥ {low}</source>
        <translation>{low} 以上の整数</translation>
    </message>
    <message>
        <source>a hexadecimal string</source>
        <translation>16 進数の文字列</translation>
    </message>
    <message>
        <source>a .safetensors file name beside the sidecar</source>
        <translation>サイドカーの横にある .safetensors のファイル名</translation>
    </message>
    <message>
        <source>an object with the checksums of the tensor files</source>
        <translation>テンソルファイルのチェックサムを持つオブジェクト</translation>
    </message>
    <message>
        <source>a SHA-256 digest (64 hexadecimal digits)</source>
        <translation>SHA-256 のダイジェスト（16 進数 64 桁）</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>an object (the training config)</source>
        <translation>オブジェクト（学習設定）</translation>
    </message>
    <message>
        <source>an object or null</source>
        <translation>オブジェクトまたは null</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限の数値</translation>
    </message>
    <message>
        <source>a list of objects</source>
        <translation>オブジェクトのリスト</translation>
    </message>
    <message>
        <source>an object with val_loss and val_accuracy</source>
        <translation>val_loss と val_accuracy を持つオブジェクト</translation>
    </message>
    <message>
        <source>a finite number or null</source>
        <translation>有限の数値または null</translation>
    </message>
    <message>
        <source>an object with metric, value and epoch, or null</source>
        <translation>metric、value、epoch を持つオブジェクトまたは null</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>a list of class names</source>
        <translation>クラス名のリスト</translation>
    </message>
    <message>
        <source>an object with a state and param_groups</source>
        <translation>state と param_groups を持つオブジェクト</translation>
    </message>
    <message>
        <source>an object under a parameter number</source>
        <translation>パラメータ番号の下のオブジェクト</translation>
    </message>
    <message>
        <source>a number or {&quot;tensor&quot;: NAME}</source>
        <translation>数値または {&quot;tensor&quot;: NAME}</translation>
    </message>
    <message>
        <source>a list of parameter numbers</source>
        <translation>パラメータ番号のリスト</translation>
    </message>
    <message>
        <source>a finite number ≥ 0</source>
        <translation>0 以上の有限の数値</translation>
    </message>
    <message>
        <source>Train, reporting JSON lines.</source>
        <translation>学習し、JSON の行で報告します。</translation>
    </message>
    <message>
        <source>where the events go (&apos;-&apos;: stdout)</source>
        <translation>イベントの出力先（&apos;-&apos;: 標準出力）</translation>
    </message>
    <message>
        <source>ignore stdin (no stop command, no stop on EOF)</source>
        <translation>標準入力を無視する（stop コマンドも EOF での停止もなし）</translation>
    </message>
    <message>
        <source>unknown command {command!r} on stdin (known: stop)</source>
        <translation>標準入力に不明なコマンド {command!r} があります（使えるのは stop です）</translation>
    </message>
    <message>
        <source>internal error: {name}: {reason}</source>
        <translation>内部エラー: {name}: {reason}</translation>
    </message>
    <message>
        <source>the {network} is frozen entirely: a GAN trains both networks (unfreeze it)</source>
        <translation>{network} がすべて凍結されています。GAN は両方のネットワークを学習します（凍結を解除してください）</translation>
    </message>
    <message>
        <source>cannot write the sample grid {path}: {reason}</source>
        <translation>サンプルのグリッド {path} を書き込めません：{reason}</translation>
    </message>
    <message>
        <source>the generator and the discriminator both have a layer called {name!r}: name their nodes generator.… and discriminator.…</source>
        <translation>生成器と識別器の両方に {name!r} という層があります。ノード名を generator.… と discriminator.… にしてください</translation>
    </message>
    <message>
        <source>a GAN trains one generator (ending in a Generated image output) against one discriminator (ending in a Real/fake output) as two separate networks; this graph has {generators} and {critics}</source>
        <translation>GAN は1つの生成器（Generated image 出力で終わる）と1つの識別器（Real/fake 出力で終わる）を別々の2つのネットワークとして競わせて学習します。このグラフには {generators} と {critics} があります</translation>
    </message>
    <message>
        <source>the generator makes {made} images but the discriminator takes {taken}</source>
        <translation>生成器は {made} の画像を作りますが、識別器が受け取るのは {taken} です</translation>
    </message>
    <message>
        <source>{weights}: does not fit this network ({summary})</source>
        <translation>{weights}：このネットワークに合いません（{summary}）</translation>
    </message>
    <message>
        <source>{project}: needs one network ending in a Generated image output</source>
        <translation>{project}：Generated image 出力で終わるネットワークが1つ必要です</translation>
    </message>
    <message>
        <source>{project}: has no generator (a GAN&apos;s Generated image output, or a VAE&apos;s Sample Gaussian block)</source>
        <translation>{project}：生成器がありません（GAN の Generated image 出力、または VAE の Sample Gaussian ブロック）</translation>
    </message>
    <message>
        <source>{project}: its main output is not a Classification output (scoring needs a classifier)</source>
        <translation>{project}：主な出力が Classification 出力ではありません（評価には分類器が必要です）</translation>
    </message>
    <message>
        <source>passes</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>misses</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>score on {samples} samples: mean confidence {confidence:.3f}, {covered}/{classes} classes, largest class {share:.0%} ({verdict} ≥ {bar:.2f}, all classes, ≤ {most:.0%} each); counts {counts}</source>
        <translation>{samples} サンプルでの評価：平均確信度 {confidence:.3f}、クラス {covered}/{classes}、最大クラスの割合 {share:.0%}（{verdict}：≥ {bar:.2f}、全クラス、各 ≤ {most:.0%}）；内訳 {counts}</translation>
    </message>
    <message>
        <source>a VAE ends in a Reconstruction output (its decoder&apos;s image against the input)</source>
        <translation>VAE は Reconstruction 出力（デコーダの画像を入力と比べる）で終わります</translation>
    </message>
    <message>
        <source>a VAE has one Sample Gaussian block, this network has {count}</source>
        <translation>VAE には Sample Gaussian ブロックが1つ必要ですが、このネットワークには {count} 個あります</translation>
    </message>
    <message>
        <source>not a readable video ({reason})</source>
        <translation>読み込める動画ではありません（{reason}）</translation>
    </message>
    <message>
        <source>is larger than the {limit} GiB a video may be</source>
        <translation>動画の上限 {limit} GiB を超えています</translation>
    </message>
    <message>
        <source>not a video file name (.mp4, .avi, .webm, .mkv, .mov)</source>
        <translation>動画のファイル名ではありません（.mp4、.avi、.webm、.mkv、.mov）</translation>
    </message>
    <message>
        <source>has no video stream</source>
        <translation>映像ストリームがありません</translation>
    </message>
    <message>
        <source>has more than {limit} frames: cut it shorter</source>
        <translation>フレームが {limit} を超えています。短くしてください</translation>
    </message>
    <message>
        <source>took longer than {limit:.0f} s to decode</source>
        <translation>デコードに {limit:.0f} 秒以上かかりました</translation>
    </message>
    <message>
        <source>has no frame that can be decoded</source>
        <translation>デコードできるフレームがありません</translation>
    </message>
    <message>
        <source>the annotated video cannot be encoded ({reason})</source>
        <translation>注釈付きの動画をエンコードできません（{reason}）</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>使い方: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置引数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>このヘルプを表示して終了する</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>次の引数が必要です: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>認識できない引数です: %s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>引数 %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>無効な選択肢です: %(value)r（%(choices)s から選んでください）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>%(type)s として無効な値です: %(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>引数が 1 つ必要です</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>引数は 1 つまでです</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>引数が 1 つ以上必要です</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>引数 %s と同時には使えません</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>引数 %s のいずれかが必要です</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>あいまいなオプションです: %(option)s は %(matches)s のどれにも当てはまります</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>明示的な引数 %r は無視されました</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>不明なコマンド %(parser_name)r です（選択肢: %(choices)s）</translation>
    </message>
</context>
</TS>
