<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name></name>
    <message>
        <location filename="../../ui/review/panes.py" line="74"/>
        <source>Legend:</source>
        <translation>المفتاح:</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="85"/>
        <source>(tags read “label · kind”, an agreement the label alone; gold in grey)</source>
        <translation>(تُقرأ الوسوم «التسمية · النوع»، والاتفاق بالتسمية وحدها؛ المرجع باللون الرمادي)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="197"/>
        <source>Next (N)</source>
        <translation>التالي (N)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="198"/>
        <source>Previous (Shift+N)</source>
        <translation>السابق (Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="199"/>
        <source>Accept A (A)</source>
        <translation>قبول أ (A)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="200"/>
        <source>Accept B (B)</source>
        <translation>قبول ب (B)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="201"/>
        <source>Accept both (Shift+B)</source>
        <translation>قبول الاثنين (Shift+B)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="202"/>
        <source>Drop from gold (D)</source>
        <translation>إسقاط من المرجع (D)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="203"/>
        <source>Edit gold (E)</source>
        <translation>تحرير المرجع (E)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="204"/>
        <source>Accept all agreements (Ctrl+Shift+A)</source>
        <translation>قبول كل مواضع الاتفاق (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="206"/>
        <source>Mark adjudicated</source>
        <translation>وسم كمحسوم</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="208"/>
        <location filename="../../ui/workbench/menus.py" line="162"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="210"/>
        <location filename="../../ui/workbench/menus.py" line="164"/>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="216"/>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="139"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="140"/>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="141"/>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="142"/>
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="145"/>
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="150"/>
        <source>Import a &amp;folder of .txt files…</source>
        <translation>استيراد &amp;مجلد ملفات ‎.txt…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="153"/>
        <source>Import &amp;with options…</source>
        <translation>استيراد &amp;مع خيارات…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="154"/>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="156"/>
        <source>S&amp;ync with the team hub…</source>
        <translation>م&amp;زامنة مع خادم الفريق…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="157"/>
        <source>Team &amp;progress…</source>
        <translation>تقدّم ال&amp;فريق…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="159"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="161"/>
        <source>&amp;Edit</source>
        <translation>ت&amp;حرير</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="170"/>
        <source>&amp;Delete span</source>
        <translation>&amp;حذف المقطع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="177"/>
        <source>&amp;Schema…</source>
        <translation>&amp;المخطط…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="179"/>
        <source>&amp;Annotate</source>
        <translation>&amp;توسيم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="180"/>
        <source>Switch &amp;annotator…</source>
        <translation>تبديل ال&amp;موسِّم…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="186"/>
        <source>Apply the last label</source>
        <translation>تطبيق آخر تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="191"/>
        <source>&amp;Sticky label (every selection gets it)</source>
        <translation>تسمية &amp;ثابتة (تُطبَّق على كل تحديد)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="195"/>
        <source>Snap selections to &amp;words</source>
        <translation>ضبط التحديد على حدود ال&amp;كلمات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="200"/>
        <source>Trim a proclitic off the start</source>
        <translation>نزع سابقة متصلة من البداية</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="201"/>
        <source>Give the proclitic back</source>
        <translation>إرجاع السابقة المتصلة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="205"/>
        <source>Move start edge right</source>
        <translation>حرّك حافة البداية يمينًا</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="206"/>
        <source>Move start edge left</source>
        <translation>حرّك حافة البداية يسارًا</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="207"/>
        <source>Move end edge right</source>
        <translation>حرّك حافة النهاية يمينًا</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="208"/>
        <source>Move end edge left</source>
        <translation>حرّك حافة النهاية يسارًا</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="211"/>
        <source>Move start edge right a word</source>
        <translation>حرّك حافة البداية يمينًا بكلمة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="217"/>
        <source>Move start edge left a word</source>
        <translation>حرّك حافة البداية يسارًا بكلمة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="220"/>
        <source>Move end edge right a word</source>
        <translation>حرّك حافة النهاية يمينًا بكلمة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="226"/>
        <source>Move end edge left a word</source>
        <translation>حرّك حافة النهاية يسارًا بكلمة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="231"/>
        <source>Add &amp;relation (then click the target, or Tab to it and press Return)</source>
        <translation>إضافة &amp;علاقة (ثم انقر الهدف، أو انتقل إليه بـ ⁨Tab⁩ واضغط ⁨Return⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="233"/>
        <source>&amp;Argument of the selected event (selected text, or a span clicked or Tabbed to)</source>
        <translation>&amp;معمول للحدث المحدد (النص المحدد، أو مقطع تنقره أو تصل إليه بـ ⁨Tab⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="240"/>
        <source>&amp;Next annotation</source>
        <translation>التوسيم ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="248"/>
        <source>&amp;Previous annotation</source>
        <translation>التوسيم ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="257"/>
        <source>Mark done and go to the &amp;next document</source>
        <translation>وسم كمنجز والانتقال إلى المستند ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="265"/>
        <source>Mark in progress</source>
        <translation>وسم كقيد الإنجاز</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="272"/>
        <source>Next &amp;unfinished document</source>
        <translation>المستند &amp;غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="280"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="288"/>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="294"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="295"/>
        <source>Show other annotators&apos; &amp;layers…</source>
        <translation>إظهار &amp;طبقات الموسِّمين الآخرين…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="296"/>
        <source>Text direction</source>
        <translation>اتجاه النص</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="299"/>
        <source>Automatic (per paragraph)</source>
        <translation>تلقائي (لكل فقرة)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="300"/>
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="301"/>
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="307"/>
        <source>Show &amp;invisible characters</source>
        <translation>إظهار المحارف &amp;غير المرئية</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="310"/>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="311"/>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="312"/>
        <source>Show &amp;arcs</source>
        <translation>إظهار الأ&amp;قواس</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="316"/>
        <source>&amp;Language (after a restart)</source>
        <translation>اللغ&amp;ة (بعد إعادة التشغيل)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="327"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="328"/>
        <source>&amp;Review colleagues&apos; work…</source>
        <translation>&amp;مراجعة عمل الزملاء…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="329"/>
        <source>&amp;Agreement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="331"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="332"/>
        <source>Command &amp;palette…</source>
        <translation>&amp;لوحة الأوامر…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="333"/>
        <source>&amp;Keys</source>
        <translation>&amp;المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="335"/>
        <source>&amp;About Annotator…</source>
        <translation>&amp;حول ⁨Annotator⁩…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="326"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="327"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="330"/>
        <source>Bundle written to {0} ({1})</source>
        <translation>كُتبت الحزمة في {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="343"/>
        <source>Quarantined (set aside, not attached to any text):</source>
        <translation>في الحجر (جُعلت جانبًا، غير ملحقة بأي نص):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="346"/>
        <source>{0} {1} in document {2}: {3}</source>
        <translation>{0} {1} في المستند {2}: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="355"/>
        <source>… and {0} more</source>
        <translation>… و{0} غيرها</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <location filename="../../ui/dialogs/about.py" line="93"/>
        <source>Arabic font: {0}</source>
        <translation>الخط العربي: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="114"/>
        <source>Arabic personal names for the model&apos;s name list:</source>
        <translation>أسماء الأعلام العربية لقائمة أسماء النموذج:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="150"/>
        <source>Arabic place, language and currency names for the model: CLDR, from Babel</source>
        <translation>أسماء الأماكن واللغات والعملات العربية للنموذج: ⁨CLDR⁩، عن ⁨Babel⁩</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="162"/>
        <source>Qt for Python (PySide6) {0}, Qt {1}</source>
        <translation>⁨Qt for Python (PySide6)⁩ {0}، ⁨Qt⁩ {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="181"/>
        <source>Annotator&apos;s licence: {0}</source>
        <translation>رخصة ⁨Annotator⁩: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="187"/>
        <source>Full text: {0}</source>
        <translation>النص الكامل: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="199"/>
        <source>About Annotator</source>
        <translation>حول ⁨Annotator⁩</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="203"/>
        <source>Annotator {0}</source>
        <translation>الإصدار {0} من ⁨Annotator⁩</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="204"/>
        <source>(not installed)</source>
        <translation>(غير مثبّت)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="212"/>
        <source>An offline workbench for labelling Arabic news text: entities, events, relations, review and training-data export.</source>
        <translation>منصة عمل تعمل دون اتصال لتوسيم نصوص الأخبار العربية: الكيانات والأحداث والعلاقات والمراجعة وتصدير بيانات التدريب.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="219"/>
        <source>It ships with, and is built on:</source>
        <translation>يأتي مع ما يلي، وهو مبني عليه:</translation>
    </message>
</context>
<context>
    <name>Agreement</name>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="346"/>
        <source>label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="347"/>
        <source>n A</source>
        <translation>عدد أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="348"/>
        <source>n B</source>
        <translation>عدد ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="355"/>
        <source>measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="356"/>
        <source>P</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="356"/>
        <source>R</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="357"/>
        <source>F1</source>
        <translation>مقياس F1</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="364"/>
        <source>document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="452"/>
        <source>A</source>
        <translation>أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="453"/>
        <source>B</source>
        <translation>ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="454"/>
        <source>P exact</source>
        <translation>الدقة (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="455"/>
        <source>R exact</source>
        <translation>الاستدعاء (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="456"/>
        <source>F1 exact</source>
        <translation>F1 (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="457"/>
        <source>F1 overlap</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="458"/>
        <source>kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="459"/>
        <source>alpha-U</source>
        <translation>ألفا-U</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="463"/>
        <source>trigger_identification</source>
        <translation>تعرّف المُطلِق</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="464"/>
        <source>trigger_classification</source>
        <translation>تصنيف المُطلِق</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="465"/>
        <source>argument_identification</source>
        <translation>تعرّف المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="466"/>
        <source>argument_classification</source>
        <translation>تصنيف المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="467"/>
        <source>argument_identification_attached</source>
        <translation>تعرّف المعمول (مع مُطلِقه)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="468"/>
        <source>argument_classification_attached</source>
        <translation>تصنيف المعمول (مع مُطلِقه)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="469"/>
        <source>argument_identification_overlap</source>
        <translation>تعرّف المعمول (تداخل)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="470"/>
        <source>argument_classification_overlap</source>
        <translation>تصنيف المعمول (تداخل)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="502"/>
        <source>boundary F1</source>
        <translation>F1 الحدود</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="503"/>
        <source>doc-average F1</source>
        <translation>متوسط F1 للمستندات</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="244"/>
        <location filename="../../ui/review/agreement_window.py" line="297"/>
        <location filename="../../ui/review/agreement_window.py" line="302"/>
        <location filename="../../ui/review/agreement_window.py" line="318"/>
        <location filename="../../ui/review/agreement_window.py" line="428"/>
        <location filename="../../ui/review/agreement_window.py" line="439"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="258"/>
        <source>Measure</source>
        <translation>قياس</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="260"/>
        <source>Save HTML report…</source>
        <translation>حفظ تقرير HTML…</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="263"/>
        <source>Choose annotators and labels, then Measure.</source>
        <translation>اختر الموسِّمين والتسميات، ثم «قياس».</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="273"/>
        <source>Annotators</source>
        <translation>الموسِّمون</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="274"/>
        <source>Labels (spans)</source>
        <translation>التسميات (المقاطع)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="297"/>
        <source>Choose at least two annotators.</source>
        <translation>اختر موسِّمَين على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="302"/>
        <source>Measuring agreement…</source>
        <translation>جارٍ قياس الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="328"/>
        <source>{0} annotators ({1}), {2} documents · alpha (nominal, tokens): {3} · alpha-U (characters): {4}</source>
        <translation>الموسِّمون: {0} ({1})، المستندات: {2} · ألفا (اسمي، رموز): {3} · ألفا-U (محارف): {4}</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="340"/>
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="349"/>
        <source>Per label</source>
        <translation>لكل تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="358"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="366"/>
        <source>Per document</source>
        <translation>لكل مستند</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="376"/>
        <source>Confusion</source>
        <translation>مصفوفة الالتباس</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="382"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="418"/>
        <source>Save HTML report</source>
        <translation>حفظ تقرير HTML</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="428"/>
        <source>Writing the report…</source>
        <translation>جارٍ كتابة التقرير…</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="441"/>
        <source>Report written to {0}</source>
        <translation>كُتب التقرير في {0}</translation>
    </message>
</context>
<context>
    <name>AnnotationModel</name>
    <message>
        <location filename="../../ui/workbench/panels.py" line="681"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="681"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="681"/>
        <source>Where</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="682"/>
        <source>event</source>
        <translation>حدث</translation>
    </message>
</context>
<context>
    <name>ArcActions</name>
    <message>
        <location filename="../../ui/workbench/layer_display.py" line="345"/>
        <source>Relation type</source>
        <translation>نوع العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/layer_display.py" line="347"/>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/layer_display.py" line="360"/>
        <source>Delete this relation</source>
        <translation>حذف هذه العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/layer_display.py" line="362"/>
        <source>Remove this argument</source>
        <translation>إزالة هذا المعمول</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../../ui/jobs.py" line="165"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../ui/workbench/palette.py" line="73"/>
        <source>Command palette</source>
        <translation>لوحة الأوامر</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="75"/>
        <source>Type a command…</source>
        <translation>اكتب أمرًا…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="77"/>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="77"/>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../ui/search/concordance.py" line="61"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../ui/search/concordance.py" line="61"/>
        <source>Before</source>
        <translation>قبلها</translation>
    </message>
    <message>
        <location filename="../../ui/search/concordance.py" line="61"/>
        <source>Hit</source>
        <translation>المطابقة</translation>
    </message>
    <message>
        <location filename="../../ui/search/concordance.py" line="61"/>
        <source>After</source>
        <translation>بعدها</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <location filename="../../ui/core_messages.py" line="15"/>
        <source>no {kind} {name} (there are no {plural})</source>
        <translation>لا {kind} باسم {name} (لا {plural} أصلًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="16"/>
        <source>no {kind} {name} ({plural}: {known})</source>
        <translation>لا {kind} باسم {name} ({plural}: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="17"/>
        <source>{message}; did you mean {name}?</source>
        <translation>{message}؛ هل تقصد {name}؟</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="18"/>
        <source>{names} and {count} more</source>
        <translation>{names} و{count} غيرها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="19"/>
        <source>layer</source>
        <translation>طبقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="20"/>
        <source>layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="21"/>
        <source>label</source>
        <translation>تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="22"/>
        <source>labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="23"/>
        <source>document</source>
        <translation>مستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="24"/>
        <source>documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="25"/>
        <source>status</source>
        <translation>حالة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="26"/>
        <source>statuses</source>
        <translation>الحالات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="27"/>
        <source>format</source>
        <translation>صيغة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="28"/>
        <source>formats</source>
        <translation>الصيغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="29"/>
        <source>split</source>
        <translation>قسم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="30"/>
        <source>splits</source>
        <translation>الأقسام</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="31"/>
        <source>bad split {part}: expected name=ratio, e.g. {example}</source>
        <translation>قسم غير صالح {part}: يُنتظر اسم=نسبة، مثل {example}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="32"/>
        <source>bad split {part}: {ratio} is not a number</source>
        <translation>قسم غير صالح {part}: {ratio} ليس عددًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="33"/>
        <source>split {name} is given twice</source>
        <translation>القسم {name} مذكور مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="34"/>
        <source>split {name}: the ratio must be a number of 0 or more, not {ratio}</source>
        <translation>القسم {name}: يجب أن تكون النسبة عددًا لا يقل عن 0، لا {ratio}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="37"/>
        <source>validation and dev are the same split: give one of them</source>
        <translation>validation وdev قسم واحد: اذكر أحدهما فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="38"/>
        <source>split ratios are all 0: at least one must be above 0</source>
        <translation>نسب الأقسام كلها 0: يجب أن تزيد إحداها على 0</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="39"/>
        <source>units must be one of {units}, not {value}</source>
        <translation>يجب أن تكون وحدات الإزاحة إحدى {units}، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="41"/>
        <source>{role} ({kind}, layer {layer})</source>
        <translation>{role} ({kind}، الطبقة {layer})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="42"/>
        <source>{role} ({kind})</source>
        <translation>{role} ({kind})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="43"/>
        <source>hub {hub} as {who}</source>
        <translation>خادم الفريق {hub} بصفة {who}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="44"/>
        <source>pushed: {pushed} new, {already} already on the hub</source>
        <translation>أُرسل: {pushed} جديدة، و{already} موجودة على خادم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="45"/>
        <source>pulled: {versions} versions, {documents} documents</source>
        <translation>جُلب: {versions} نسخ، {documents} مستندات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="46"/>
        <source>not pushed: {count} versions on documents the hub lacks (a coordinator adds them; the next sync pushes them)</source>
        <translation>لم يُرسَل: {count} نسخ على مستندات ليست على خادم الفريق (يضيفها منسّق؛ وترسلها المزامنة التالية)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="51"/>
        <source>stay local (your role writes {writes}): {counts}; the hub takes no other layer&apos;s versions from you: `annotator bundle` them to whoever writes that layer, who merges the bundle and syncs with --full; each sync counts them again until the hub holds them or newer ones</source>
        <translation>تبقى هنا (دورك يكتب {writes}): {counts}؛ لا يأخذ خادم الفريق منك نسخ طبقة أخرى: صدّرها حزمةً (ملف › تصدير طبقتي حزمةً…) إلى من يكتب تلك الطبقة، فيدمج الحزمة ويزامن بالأمر ‏annotator sync --full؛ وتعدّها كل مزامنة من جديد حتى يحملها خادم الفريق أو نسخًا أحدث منها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="58"/>
        <source>refused by the screen: {problem}</source>
        <translation>رفضها الفحص: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="59"/>
        <source>analyst</source>
        <translation>محلّل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="60"/>
        <source>adjudicator</source>
        <translation>محكِّم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="61"/>
        <source>coordinator</source>
        <translation>منسّق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="62"/>
        <source>no layer</source>
        <translation>لا طبقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="63"/>
        <source>{layer} only</source>
        <translation>{layer} فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="64"/>
        <source>{layers} and {last} only</source>
        <translation>{layers} و{last} فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="67"/>
        <source>span repeating another of its layer (place and label)</source>
        <translation>مقطع يكرر مقطعًا آخر في طبقته (الموضع والتسمية)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="68"/>
        <source>discontinuous span (token formats hold contiguous spans only)</source>
        <translation>مقطع متقطع (صيغ الرموز لا تحمل إلا المقاطع المتصلة)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="71"/>
        <source>span covers only white space</source>
        <translation>مقطع لا يغطي إلا مسافات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="72"/>
        <source>span covers no token</source>
        <translation>مقطع لا يغطي أي رمز</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="73"/>
        <source>span crosses a sentence break</source>
        <translation>مقطع يتخطى حدّ جملة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="74"/>
        <source>label not selected for export</source>
        <translation>تسمية لم تُختر للتصدير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="75"/>
        <source>span</source>
        <translation>مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="76"/>
        <source>event</source>
        <translation>حدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="77"/>
        <source>argument</source>
        <translation>معمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="78"/>
        <source>relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="79"/>
        <source>attribute</source>
        <translation>خاصية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="80"/>
        <source>normalisation</source>
        <translation>إحالة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="81"/>
        <source>fragments</source>
        <translation>أجزاء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="82"/>
        <source>events</source>
        <translation>أحداث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="83"/>
        <source>arguments</source>
        <translation>معمولات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="84"/>
        <source>relations</source>
        <translation>علاقات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="85"/>
        <source>attributes</source>
        <translation>خصائص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="86"/>
        <source>normalisations</source>
        <translation>إحالات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="87"/>
        <source>notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="88"/>
        <source>documents exported: {count}</source>
        <translation>المستندات المصدَّرة: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="89"/>
        <source>spans exported: {count}</source>
        <translation>المقاطع المصدَّرة: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="90"/>
        <source>{what} {count}</source>
        <translation>{what} {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="91"/>
        <source>also exported: {items}</source>
        <translation>صُدِّر أيضًا: {items}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="92"/>
        <source>tokens: {count} ({split} split at span boundaries)</source>
        <translation>الرموز: {count} (منها {split} قُسمت عند حدود المقاطع)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="93"/>
        <source>dropped {count}: {reason}</source>
        <translation>أُسقط {count}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="94"/>
        <source>documents left out {count}: {reason}</source>
        <translation>مستندات تُركت {count}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="95"/>
        <source>written: {path}</source>
        <translation>كُتب: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="96"/>
        <source>event trigger (flat NER tags hold entities; use --format events)</source>
        <translation>مُطلِق حدث (وسم واحد لكل رمز يحمل الكيانات وحدها؛ اختر في «الصيغة» «أسطر JSON لاستخراج الأحداث»)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="99"/>
        <source>no token to write (the text is only white space)</source>
        <translation>لا رمز يُكتب (النص مسافات فقط)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="100"/>
        <source>  in {part}: {count}</source>
        <translation>  في {part}: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="101"/>
        <source>doc.ents (also in {group})</source>
        <translation>⁦doc.ents⁩ (وهي أيضًا في {group})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="102"/>
        <source>  not in doc.ents {count}: {reason}</source>
        <translation>  خارج doc.ents‏ {count}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="103"/>
        <source>not written {count}: {reason}</source>
        <translation>لم يُكتب {count}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="104"/>
        <source>{kind} outside its document&apos;s text (check names it)</source>
        <translation>{kind} خارج نص مستنده (يسمّيه الفحص)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="105"/>
        <source>{kind} whose stored text is not its document&apos;s (check names it)</source>
        <translation>{kind} نصّه المخزَّن ليس نصّ مستنده (يسمّيه الفحص)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="108"/>
        <source>{kind} with a broken id, layer name or note (check names it)</source>
        <translation>{kind} معرّفه أو اسم طبقته أو ملاحظته تالف (يسمّيه الفحص)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="126"/>
        <source>{n} suggestion(s) pending from {sources} in {documents} document(s)</source>
        <translation>اقتراحات معلّقة: {n}، من {sources}، في مستندات عددها {documents}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="129"/>
        <source>{n} not stored: they overlap annotations</source>
        <translation>لم يُخزَّن {n}: تتداخل مع توسيمات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="130"/>
        <source>{n} not stored: they overlap other suggestions stored with them</source>
        <translation>لم يُخزَّن {n}: تتداخل مع اقتراحات أخرى خُزِّنت معها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="133"/>
        <source>{n} not stored: they overlap pending suggestions of {sources} (reject those or lower the threshold to see them)</source>
        <translation>لم يُخزَّن {n}: تتداخل مع اقتراحات معلّقة من {sources} (ارفضها أو اخفض العتبة لتراها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="138"/>
        <source>{n} not stored: they were rejected before</source>
        <translation>لم يُخزَّن {n}: رُفضت من قبل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="139"/>
        <source>carries 1 record check refuses (the receiving merge sets it aside): {items}</source>
        <translation>تحمل سجلًّا واحدًا يرفضه الفحص (يعزله الدمج عند المستلم): {items}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="143"/>
        <source>carries {count} records check refuses (the receiving merge sets them aside): {items}</source>
        <translation>تحمل سجلات يرفضها الفحص عددها {count} (يعزلها الدمج عند المستلم): {items}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="147"/>
        <source>split {name}: no document went to it</source>
        <translation>التقسيم {name}: لم يذهب إليه أي مستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="148"/>
        <source>warning: label {name} is read back as {back} (its edge looks like noise)</source>
        <translation>تنبيه: التسمية {name} تُقرأ عند استيرادها {back} (طرفها يبدو تشويشًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="151"/>
        <source>  without the white space at their edges: {count}</source>
        <translation>  دون المسافات عند أطرافها: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="152"/>
        <source>label not in the schema</source>
        <translation>تسمية ليست في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="153"/>
        <source>same offsets as a kept span</source>
        <translation>في موضع مقطع مُبقى نفسه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="154"/>
        <source>nested inside a kept span</source>
        <translation>داخل مقطع مُبقى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="155"/>
        <source>contains a kept span</source>
        <translation>يحوي مقطعًا مُبقى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="156"/>
        <source>overlaps a kept span</source>
        <translation>يتداخل مع مقطع مُبقى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="157"/>
        <source>{what} (policy {policy})</source>
        <translation>{what} (عند تداخل المقاطع يُبقى {policy})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="158"/>
        <source>outermost</source>
        <translation>الأشمل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="159"/>
        <source>innermost</source>
        <translation>الأضيق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="160"/>
        <source>longest</source>
        <translation>الأطول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="161"/>
        <source>event whose trigger span is not labelled with its type</source>
        <translation>حدث لم يُوسَم مقطع مُطلِقه بنوعه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="162"/>
        <source>argument of an event not exported</source>
        <translation>معمول لحدث لم يُصدَّر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="163"/>
        <source>argument whose filler was not exported</source>
        <translation>معمول لم يُصدَّر مالئه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="164"/>
        <source>event whose trigger span was not exported</source>
        <translation>حدث لم يُصدَّر مقطع مُطلِقه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="165"/>
        <source>{kind} ({format} has no place for it)</source>
        <translation>{kind} (لا مكان له في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="166"/>
        <source>relation whose end was not exported</source>
        <translation>علاقة لم يُصدَّر أحد طرفيها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="168"/>
        <source>span label not selected for export</source>
        <translation>تسمية مقطع لم تُختر للتصدير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="169"/>
        <source>argument repeating another of its event (role and filler)</source>
        <translation>معمول يكرر معمولًا آخر لحدثه (الدور والمالئ)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="170"/>
        <source>event without a live trigger span</source>
        <translation>حدث بلا مقطع مُطلِق قائم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="171"/>
        <source>argument of an event not written</source>
        <translation>معمول لحدث لم يُكتب</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="172"/>
        <source>argument pointing at a missing span</source>
        <translation>معمول يشير إلى مقطع مفقود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="173"/>
        <source>relation pointing at a missing span</source>
        <translation>علاقة تشير إلى مقطع مفقود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="174"/>
        <source>{reason}, kept in doc.spans[{key}]</source>
        <translation>{reason}، أُبقي في ‎doc.spans[{key}]‎</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="175"/>
        <source>argument or relation whose span was not exported</source>
        <translation>معمول أو علاقة لم يُصدَّر مقطعه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="176"/>
        <source>trigger without an event (a span labelled with an event type)</source>
        <translation>مُطلِق بلا حدث (مقطع موسوم بنوع حدث)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="179"/>
        <source>relation end</source>
        <translation>طرف علاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="180"/>
        <source>relation from something other than an entity mention</source>
        <translation>علاقة من غير ذكرِ كيان</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="181"/>
        <source>relation whose span was not exported</source>
        <translation>علاقة لم يُصدَّر مقطعها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="182"/>
        <source>event whose trigger was not exported</source>
        <translation>حدث لم يُصدَّر مُطلِقه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="183"/>
        <source>multi-token trigger (DyGIE++ triggers are one token)</source>
        <translation>مُطلِق من عدة رموز (مُطلِق DyGIE++ رمز واحد)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="184"/>
        <source>{what} is not an entity mention (event or trigger)</source>
        <translation>{what} لا يشير إلى ذكرِ كيان (بل إلى حدث أو مُطلِق)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="185"/>
        <source>{what} whose span was not exported</source>
        <translation>{what} لم يُصدَّر مقطعه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="186"/>
        <source>{what} in another sentence</source>
        <translation>{what} في جملة أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="187"/>
        <source>argument (doccano sequence labelling holds spans only)</source>
        <translation>معمول (وسم التسلسل في doccano لا يحمل إلا المقاطع)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="188"/>
        <source>relation (doccano sequence labelling holds spans only)</source>
        <translation>علاقة (وسم التسلسل في doccano لا يحمل إلا المقاطع)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="189"/>
        <source>false attribute (brat binary attributes are present or absent)</source>
        <translation>خاصية قيمتها «خطأ» (خصائص brat الثنائية إما موجودة أو غائبة)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="192"/>
        <source>attribute value that is not a single word</source>
        <translation>قيمة خاصية ليست كلمة واحدة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="193"/>
        <source>attribute value that is not true or a word</source>
        <translation>قيمة خاصية ليست «صحيح» ولا كلمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="194"/>
        <source>never annotated in layer {layer} (--status new exports them)</source>
        <translation>لم تُوسَم قط في الطبقة {layer} (اختيار «جديد» في «المستندات» يصدّرها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="197"/>
        <source>event JSON</source>
        <translation>صيغة JSON للأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="198"/>
        <source>attribute (no place in {format})</source>
        <translation>خاصية (لا مكان لها في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="199"/>
        <source>normalisation (no place in {format})</source>
        <translation>إحالة (لا مكان لها في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="200"/>
        <source>note (no place in {format})</source>
        <translation>ملاحظة (لا مكان لها في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="201"/>
        <source>discontinuous span written as its outer bounds ({format})</source>
        <translation>مقطع متقطع كُتب بحدّيه الخارجيين ({format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="203"/>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="204"/>
        <source>documents added: {count}</source>
        <translation>المستندات المضافة: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="205"/>
        <source>spans: {spans}, events: {events} ({arguments} arguments), relations: {relations}</source>
        <translation>المقاطع: {spans}، الأحداث: {events} ({arguments} معمولات)، العلاقات: {relations}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="209"/>
        <source>text already in the project, not added again: {name}</source>
        <translation>نص موجود في المشروع، لم يُضَف مرة أخرى: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="210"/>
        <source>more texts already in the project, not added again: {count}</source>
        <translation>نصوص أخرى موجودة في المشروع، لم تُضَف مرة أخرى: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="211"/>
        <source>same text as {first}, which this import added; joined to it: {name}</source>
        <translation>النص نفسه الذي في {first}، وقد أضافه هذا الاستيراد؛ ضُمّ إليه: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="214"/>
        <source>more texts repeated under another name, joined: {count}</source>
        <translation>نصوص أخرى مكررة باسم آخر، ضُمّت: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="215"/>
        <source>nothing new: the project already held every text and annotation read</source>
        <translation>لا جديد: كان المشروع يحوي كل نص وتوسيم قُرئ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="218"/>
        <source>annotations already in their layer, skipped: {count}</source>
        <translation>توسيمات موجودة في طبقتها، تُخطّيت: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="219"/>
        <source>conflict, stored version kept: {problem}</source>
        <translation>تعارض، أُبقيت النسخة المحفوظة: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="220"/>
        <source>labels added to the schema: {labels}</source>
        <translation>تسميات أضيفت إلى المخطط: {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="221"/>
        <source>moved {count} event attributes from trigger spans to their events</source>
        <translation>نُقلت {count} من خصائص الأحداث من مقاطع المُطلِقات إلى أحداثها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="224"/>
        <source>changed: {problem}</source>
        <translation>غُيّر: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="225"/>
        <source>skipped: {problem}</source>
        <translation>تُخطّي: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="227"/>
        <source>label {name} is not in the schema (use --new-labels add or skip; {count} unknown label(s): {labels})</source>
        <translation>التسمية {name} ليست في المخطط (اختر «إضافة» أو «تخطٍّ» في «تسميات خارج المخطط»؛ التسميات المجهولة {count}: {labels})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="232"/>
        <source>cannot add to the schema: {problem}</source>
        <translation>تعذّرت الإضافة إلى المخطط: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="234"/>
        <source>layer {layer} holds {mentions} entity mentions in {documents} labelled documents; training needs at least {least} mentions</source>
        <translation>الطبقة {layer} فيها {mentions} إشارات إلى كيانات في {documents} مستندات موسومة؛ يحتاج التدريب {least} إشارات على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="239"/>
        <source>layer {layer} holds {mentions} entity mentions in {documents} documents it marked {status}; training needs at least {least} mentions</source>
        <translation>الطبقة {layer} فيها {mentions} إشارات إلى كيانات في {documents} مستندات حالتها {status}؛ يحتاج التدريب {least} إشارات على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="245"/>
        <source>after {tag}</source>
        <translation>بعد {tag}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="246"/>
        <source>at the start of a sentence</source>
        <translation>في أول جملة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="247"/>
        <source>doubled separator</source>
        <translation>فاصل مكرر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="248"/>
        <source>invisible mark</source>
        <translation>علامة غير مرئية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="249"/>
        <source>is not used by {scheme}</source>
        <translation>لا يستعمله {scheme}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="250"/>
        <source>label {name} is not an entity label of the schema</source>
        <translation>التسمية {name} ليست تسمية كيان في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="251"/>
        <source>lower-case prefix</source>
        <translation>بادئة بحرف صغير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="252"/>
        <source>lower-case tag</source>
        <translation>وسم بحرف صغير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="253"/>
        <source>not understood</source>
        <translation>غير مفهوم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="254"/>
        <source>stray punctuation</source>
        <translation>علامة ترقيم شاردة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="255"/>
        <source>tag {tag} read as {read} ({why})</source>
        <translation>الوسم {tag} قُرئ {read} ({why})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="256"/>
        <source>tag {tag} {where} read as a one-token {label} entity</source>
        <translation>الوسم {tag} {where} قُرئ كيانًا {label} من رمز واحد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="257"/>
        <source>tag {tag} {where} starts a new {label} entity (IOB1 convention)</source>
        <translation>الوسم {tag} {where} يبدأ كيانًا {label} جديدًا (عُرف IOB1)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="260"/>
        <source>tag {tag} {why} (--lenient tags such a token O)</source>
        <translation>الوسم {tag} {why} (الخيار «متساهل» يَسِم هذا الرمز O)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="261"/>
        <source>tag {tag} {why}: expected O, or B-, I-, E- or S- and a label (--lenient tags such a token O)</source>
        <translation>الوسم {tag} {why}: يُنتظر O، أو ⁦B-⁩ أو ⁦I-⁩ أو ⁦E-⁩ أو ⁦S-⁩ وتسمية (الخيار «متساهل» يَسِم هذا الرمز O)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="266"/>
        <source>tag {tag} {why}; token tagged O</source>
        <translation>الوسم {tag} {why}؛ وُسم الرمز O</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="267"/>
        <source>no space left in the temporary folder {folder}: {what}; free space there, or point TMPDIR at a folder with room (TMPDIR=/path/to/folder annotator ...)</source>
        <translation>لا مساحة متبقية في المجلد المؤقت {folder}: {what}؛ أفرغ مساحة فيه، أو وجّه TMPDIR إلى مجلد فيه متسع (TMPDIR=/path/to/folder annotator ...)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="273"/>
        <source>import done; the search index was not updated, searches scan the documents until it is: {why}</source>
        <translation>تم الاستيراد؛ لم يُحدَّث فهرس البحث، فالبحث يقرأ المستندات كلها حتى يُحدَّث: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="278"/>
        <source>cannot make a scratch folder there</source>
        <translation>تعذّر إنشاء مجلد مؤقت فيه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="279"/>
        <source>an import keeps what it read there until it writes, about the size of its input ({size}), and the rows it will write; nothing was written</source>
        <translation>يحتفظ الاستيراد فيه بما قرأه حتى يكتبه، بقدر حجم مدخلاته تقريبًا ({size})، وبالصفوف التي سيكتبها؛ لم يُكتب شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="284"/>
        <source>an import keeps what it read there until it writes, about the size of its input, and the rows it will write; nothing was written</source>
        <translation>يحتفظ الاستيراد فيه بما قرأه حتى يكتبه، بقدر حجم مدخلاته تقريبًا، وبالصفوف التي سيكتبها؛ لم يُكتب شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="289"/>
        <source>SQLite sorts there while it builds the index</source>
        <translation>يرتّب SQLite فيه أثناء بناء الفهرس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="290"/>
        <source>{path}: disk full</source>
        <translation>{path}: القرص ممتلئ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="291"/>
        <source>schema: {problem}</source>
        <translation>المخطط: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="292"/>
        <source>{type}: role {role} needs at least {count}</source>
        <translation>{type}: الدور {role} يحتاج {count} على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="293"/>
        <source>{type}: role {role} takes at most {count} ({found})</source>
        <translation>{type}: الدور {role} يقبل {count} على الأكثر ({found})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="294"/>
        <source>annotator name</source>
        <translation>اسم الموسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="295"/>
        <source>document name</source>
        <translation>اسم المستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="296"/>
        <source>label name</source>
        <translation>اسم التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="297"/>
        <source>{code} (a bidi control)</source>
        <translation>{code} (محرف تحكم في الاتجاه)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="298"/>
        <source>{code} (control or unassigned character)</source>
        <translation>{code} (محرف تحكم أو محرف غير مخصص)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="299"/>
        <source>{what} must be text, not {value}</source>
        <translation>يجب أن يكون {what} نصًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="300"/>
        <source>{what} must not be empty</source>
        <translation>لا يمكن أن يكون {what} فارغًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="301"/>
        <source>{what} is longer than {limit} characters</source>
        <translation>{what} أطول من {limit} محرفًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="302"/>
        <source>{what} {value} contains {bad}</source>
        <translation>{what} {value} يحتوي على {bad}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="303"/>
        <source>{what} {value} starts or ends with white space</source>
        <translation>{what} {value} يبدأ بمسافة أو ينتهي بها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="304"/>
        <source>{what} {value} contains white space or starts with &lt; !</source>
        <translation>{what} {value} يحتوي على مسافة أو يبدأ بـ ⁦&lt;⁩ أو ⁦!⁩</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="305"/>
        <source>{what} {value} contains an invisible character</source>
        <translation>{what} {value} يحتوي على محرف غير مرئي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="306"/>
        <source>{code} (lone surrogate)</source>
        <translation>{code} (محرف بديل منفرد)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="307"/>
        <source>cannot add: {name} already exists</source>
        <translation>لا يمكن الإضافة: الاسم {name} مستخدم بالفعل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="308"/>
        <source>cannot add {name}: {taken} already exists, and names may not differ only in case, harakat, tatweel, alef forms or digit forms</source>
        <translation>لا يمكن إضافة {name}: الاسم {taken} مستخدم بالفعل، ولا يجوز أن يختلف اسمان في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="313"/>
        <source>cannot rename {old} to {name}: {taken} already exists, and names may not differ only in case, harakat, tatweel, alef forms or digit forms</source>
        <translation>لا يمكن إعادة تسمية {old} إلى {name}: الاسم {taken} مستخدم بالفعل، ولا يجوز أن يختلف اسمان في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="318"/>
        <source>{names} are one name: names may not differ only in case, harakat, tatweel, alef forms or digit forms</source>
        <translation>{names} اسم واحد: لا يجوز أن يختلف اسمان في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="323"/>
        <source>{label}: {color} is not a colour (write it as #rrggbb)</source>
        <translation>{label}: {color} ليس لونًا (اكتبه بالصيغة ⁨#rrggbb⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="324"/>
        <source>{label}: hotkey {hotkey} is no letter or digit key; give the Latin letter or digit of the key</source>
        <translation>{label}: المفتاح المختصر {hotkey} ليس مفتاح حرف أو رقم؛ أعطِ الحرف اللاتيني أو الرقم المكتوب على المفتاح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="329"/>
        <source>bad regular expression {pattern}: {problem}</source>
        <translation>تعبير نمطي غير صالح {pattern}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="330"/>
        <source>reorder needs exactly the names of all entities, events or relations</source>
        <translation>تحتاج إعادة الترتيب إلى أسماء كل الكيانات أو كل الأحداث أو كل العلاقات بالضبط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="333"/>
        <source>no role {role} in {event}</source>
        <translation>لا يوجد دور {role} في {event}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="334"/>
        <source>cannot rename {old}: {name} already exists</source>
        <translation>لا يمكن إعادة تسمية {old}: الاسم {name} مستخدم بالفعل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="335"/>
        <source>no label {name} in the schema</source>
        <translation>لا توجد تسمية {name} في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="336"/>
        <source>cannot remove {name}: it is the only type allowed somewhere</source>
        <translation>لا يمكن إزالة {name}: إنه النوع الوحيد المسموح به في موضع ما</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="337"/>
        <source>the project&apos;s schema has a problem: {problem}</source>
        <translation>في مخطط المشروع مشكلة: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="338"/>
        <source>relation {relation}</source>
        <translation>العلاقة {relation}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="339"/>
        <source>duplicate label names: {names}</source>
        <translation>أسماء تسميات مكررة: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="340"/>
        <source>attribute name</source>
        <translation>اسم الخاصية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="341"/>
        <source>{source}: {problem}</source>
        <translation>{source}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="342"/>
        <source>{label}: English name</source>
        <translation>{label}: الاسم الإنجليزي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="343"/>
        <source>{label}: Arabic name</source>
        <translation>{label}: الاسم العربي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="344"/>
        <source>{event}: role name</source>
        <translation>{event}: اسم الدور</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="345"/>
        <source>&lt;OVERLAP&gt;: kinds must be among {kinds}</source>
        <translation>⁦&lt;OVERLAP&gt;⁩: يجب أن تكون الأنواع من بين {kinds}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="346"/>
        <source>attribute {attribute}: unknown kind {kind}</source>
        <translation>الخاصية {attribute}: نوع غير معروف {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="347"/>
        <source>attribute {attribute}: an enum needs values</source>
        <translation>الخاصية {attribute}: التعداد يحتاج إلى قيم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="348"/>
        <source>attribute {attribute}</source>
        <translation>الخاصية {attribute}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="349"/>
        <source>{where} refers to unknown labels: {labels}</source>
        <translation>{where} يشير إلى تسميات غير معروفة: {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="350"/>
        <source>{label}: its parents form a cycle</source>
        <translation>{label}: أصوله تشكّل حلقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="351"/>
        <source>{event}: role {role} has a bad cardinality {cardinality}</source>
        <translation>{event}: عدد غير صالح للدور {role}: {cardinality}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="352"/>
        <source>{event}: role {role}</source>
        <translation>{event}: الدور {role}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="353"/>
        <source>attribute name {name} is empty or used twice</source>
        <translation>اسم الخاصية {name} فارغ أو مستخدم مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="354"/>
        <source>{one} and {two} have the same hotkey: {keys1} / {keys2}</source>
        <translation>للتسميتين {one} و{two} مفتاح الاختصار نفسه: {keys1} / {keys2}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="355"/>
        <source>{one} and {two} have clashing hotkeys (one is a prefix): {keys1} / {keys2}</source>
        <translation>مفتاحا الاختصار للتسميتين {one} و{two} متعارضان (أحدهما بداية الآخر): {keys1} / {keys2}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="359"/>
        <source>{label}: parent {parent} is not a label of the same kind</source>
        <translation>{label}: الأصل {parent} ليس تسمية من النوع نفسه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="360"/>
        <source>{event}: role name {role} is empty or used twice</source>
        <translation>{event}: اسم الدور {role} فارغ أو مستخدم مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="361"/>
        <source>record id</source>
        <translation>معرّف السجل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="362"/>
        <source>event id</source>
        <translation>معرّف الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="363"/>
        <source>trigger id</source>
        <translation>معرّف المُطلِق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="364"/>
        <source>argument target id</source>
        <translation>معرّف هدف المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="365"/>
        <source>relation source id</source>
        <translation>معرّف مصدر العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="366"/>
        <source>relation target id</source>
        <translation>معرّف هدف العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="367"/>
        <source>bad {what} {value}</source>
        <translation>{what} {value} غير صالح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="368"/>
        <source>note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="369"/>
        <source>{what} contains a lone surrogate (not encodable text)</source>
        <translation>{what} يحتوي على محرف بديل منفرد (نص لا يمكن ترميزه)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="370"/>
        <source>bad clock stamp {stamp}</source>
        <translation>ختم زمني غير صالح {stamp}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="371"/>
        <source>clock stamp {stamp} is {days} days ahead of this machine (at most {allowed} days allowed)</source>
        <translation>الختم الزمني {stamp} يسبق ساعة هذا الجهاز بمقدار {days} يومًا (المسموح به {allowed} يومًا على الأكثر)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="375"/>
        <source>attributes must be an object, not {value}</source>
        <translation>يجب أن تكون الخصائص كائنًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="376"/>
        <source>bad attribute name {name}</source>
        <translation>اسم خاصية غير صالح {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="377"/>
        <source>reference {name}</source>
        <translation>الإحالة {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="378"/>
        <source>reference name</source>
        <translation>اسم الإحالة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="379"/>
        <source>reference {name} takes text, not {value}</source>
        <translation>الإحالة {name} تأخذ نصًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="380"/>
        <source>attribute {attribute} is not defined for {label}</source>
        <translation>الخاصية {attribute} غير معرّفة للتسمية {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="381"/>
        <source>attribute {attribute} belongs on the event of {label}, not on its trigger span</source>
        <translation>مكان الخاصية {attribute} هو الحدث من نوع {label}، لا مقطع مُطلِقه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="385"/>
        <source>attribute {attribute}: Arabic name</source>
        <translation>الخاصية {attribute}: الاسم العربي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="386"/>
        <source>attribute {attribute}: Arabic name of {value}</source>
        <translation>الخاصية {attribute}: الاسم العربي للقيمة {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="387"/>
        <source>attribute {attribute} takes true/false, not {value}</source>
        <translation>الخاصية {attribute} تأخذ قيمة منطقية (صح أو خطأ)، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="388"/>
        <source>attribute {attribute} takes one of {values}, not {value}</source>
        <translation>الخاصية {attribute} تأخذ إحدى القيم {values}، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="389"/>
        <source>attribute {attribute} takes text, not {value}</source>
        <translation>الخاصية {attribute} تأخذ نصًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="390"/>
        <source>offsets must be integers, not {start}-{end}</source>
        <translation>يجب أن تكون المواضع أعدادًا صحيحة، لا {start}-{end}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="391"/>
        <source>span {span} is outside the text (0 &lt;= start &lt; end &lt;= {length} required)</source>
        <translation>المقطع {span} خارج النص (يجب أن تقع بدايته ونهايته بين 0 و{length}، والبداية قبل النهاية)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="395"/>
        <source>span {span} is outside the text of document {name} (0 &lt;= start &lt; end &lt;= {length} required)</source>
        <translation>المقطع {span} خارج نص المستند {name} (يجب أن تقع بدايته ونهايته بين 0 و{length}، والبداية قبل النهاية)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="400"/>
        <source>fragments must be a list of [start, end] pairs</source>
        <translation>يجب أن تكون الأجزاء قائمة من أزواج [البداية، النهاية]</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="401"/>
        <source>fragments must be [start, end] pairs of integers</source>
        <translation>يجب أن تكون الأجزاء أزواج [البداية، النهاية] من أعداد صحيحة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="402"/>
        <source>fragment {fragment} is outside its span {span} or overlaps the one before</source>
        <translation>الجزء {fragment} خارج مقطعه {span} أو يتداخل مع الجزء الذي قبله</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="406"/>
        <source>fragments must start at {start} and end at {end} (the span&apos;s ends)</source>
        <translation>يجب أن تبدأ الأجزاء عند {start} وتنتهي عند {end} (طرفَي المقطع)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="410"/>
        <source>stored text {stored} != document text {covered}</source>
        <translation>النص المخزَّن {stored} لا يطابق نص المستند {covered}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="411"/>
        <source>label {label} is not in the schema</source>
        <translation>التسمية {label} ليست في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="412"/>
        <source>{event}: its trigger span is missing or deleted</source>
        <translation>{event}: مقطع مُطلِقه غير موجود أو محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="413"/>
        <source>{event}: its trigger span is labelled {label}, not with the event&apos;s type</source>
        <translation>{event}: مقطع مُطلِقه موسوم بـ{label}، لا بنوع الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="416"/>
        <source>{problem} (document {document}, trigger “{text}”)</source>
        <translation>{problem} (المستند {document}، المُطلِق «{text}»)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="417"/>
        <source>{label}: a trigger without an event</source>
        <translation>{label}: مُطلِق بلا حدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="418"/>
        <source>this span triggers {events}; relabelled {label}, not an event type, it can trigger none: delete its events first</source>
        <translation>هذا المقطع مُطلِق {events}؛ وإن أُعيدت تسميته بـ{label}، وهو ليس نوع حدث، فلن يُطلِق أي حدث: احذف أحداثه أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="423"/>
        <source>an event&apos;s trigger must be a span of the same document and layer</source>
        <translation>يجب أن يكون مُطلِق الحدث مقطعًا من المستند نفسه والطبقة نفسها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="427"/>
        <source>event type {type} is not in the schema</source>
        <translation>نوع الحدث {type} ليس في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="428"/>
        <source>argument {role}: its event is missing or deleted</source>
        <translation>المعمول {role}: حدثه غير موجود أو محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="429"/>
        <source>{event}: argument {role} points at a deleted span</source>
        <translation>{event}: المعمول {role} يشير إلى مقطع محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="430"/>
        <source>argument target {target} is not a live record of this layer</source>
        <translation>هدف المعمول {target} ليس سجلًا قائمًا في هذه الطبقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="434"/>
        <source>{event} has no role {role}</source>
        <translation>لا يوجد في {event} دور {role}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="435"/>
        <source>role {role} of {event} does not accept {label}</source>
        <translation>الدور {role} في {event} لا يقبل {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="436"/>
        <source>{event}: {target} already fills its role {role} (argument {other}); an event takes one argument per role and filler</source>
        <translation>{event}: {target} يملأ الدور {role} من قبل (المعمول {other})؛ يأخذ الحدث معمولًا واحدًا لكل دور ومالئ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="441"/>
        <source>{text} is already labelled {label} at {span} (span {other}); a layer takes one span per place and label</source>
        <translation>{text} موسوم من قبل بالتسمية {label} في {span} (المقطع {other})؛ تحمل الطبقة مقطعًا واحدًا لكل موضع وتسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="446"/>
        <source>relation {relation} points at a deleted span</source>
        <translation>العلاقة {relation} تشير إلى مقطع محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="447"/>
        <source>a relation links two spans of the same document and layer</source>
        <translation>تربط العلاقة بين مقطعين من المستند نفسه والطبقة نفسها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="448"/>
        <source>relation type {type} is not in the schema</source>
        <translation>نوع العلاقة {type} ليس في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="449"/>
        <source>relation {relation} does not link {source} to {target}</source>
        <translation>العلاقة {relation} لا تربط المصدر {source} بالهدف {target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="451"/>
        <source>edit</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="452"/>
        <source>add {label}</source>
        <translation>إضافة {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="453"/>
        <source>relabel span</source>
        <translation>إعادة تسمية مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="454"/>
        <source>move span</source>
        <translation>نقل مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="455"/>
        <source>edit span</source>
        <translation>تعديل مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="456"/>
        <source>relabel as {label}</source>
        <translation>إعادة التسمية بـ{label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="457"/>
        <source>delete span</source>
        <translation>حذف مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="458"/>
        <source>add event {type}</source>
        <translation>إضافة حدث {type}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="459"/>
        <source>add event</source>
        <translation>إضافة حدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="460"/>
        <source>edit event</source>
        <translation>تعديل حدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="461"/>
        <source>delete event</source>
        <translation>حذف حدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="462"/>
        <source>add argument {role}</source>
        <translation>إضافة معمول {role}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="463"/>
        <source>edit argument</source>
        <translation>تعديل معمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="464"/>
        <source>change role to {role}</source>
        <translation>تغيير الدور إلى {role}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="465"/>
        <source>delete argument</source>
        <translation>حذف معمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="466"/>
        <source>add relation {type}</source>
        <translation>إضافة علاقة {type}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="467"/>
        <source>delete relation</source>
        <translation>حذف علاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="468"/>
        <source>mark new</source>
        <translation>وسم كجديد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="469"/>
        <source>mark in progress</source>
        <translation>وسم كقيد الإنجاز</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="470"/>
        <source>mark done</source>
        <translation>وسم كمنجز</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="471"/>
        <source>refused edit</source>
        <translation>تعديل مرفوض</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="472"/>
        <source>accept into gold</source>
        <translation>قبول في المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="473"/>
        <source>accept into {into}</source>
        <translation>قبول في طبقة {into}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="474"/>
        <source>accept all agreements</source>
        <translation>قبول كل مواضع الاتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="475"/>
        <source>edit schema</source>
        <translation>تعديل المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="476"/>
        <source>edit relation</source>
        <translation>تعديل علاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="477"/>
        <source>rename {old} to {new}</source>
        <translation>إعادة تسمية {old} إلى {new}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="478"/>
        <source>rename role {old} to {new}</source>
        <translation>إعادة تسمية الدور {old} إلى {new}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="479"/>
        <source>remove {name}</source>
        <translation>إزالة {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="480"/>
        <source>relabel {n} as {label}</source>
        <translation>إعادة تسمية {n} من المقاطع بـ{label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="481"/>
        <source>delete {n} spans</source>
        <translation>حذف {n} من المقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="482"/>
        <source>annotate-all would store more than {limit} suggestions ({written} in the first {searched} of {total} documents already); nothing was stored. Narrow it with --label or --document, or raise --max (0: no limit)</source>
        <translation>كان وسم الكل سيخزّن اقتراحات أكثر من الحد ({limit}): بلغت {written} في أول {searched} من المستندات ({total})؛ لم يُخزَّن شيء. ضيّق البحث بـ ⁨--label⁩ أو ⁨--document⁩، أو ارفع ⁨--max⁩ (0: بلا حد)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="488"/>
        <source>accept suggestion</source>
        <translation>قبول اقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="489"/>
        <source>accept {n} suggestions</source>
        <translation>قبول {n} من الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="490"/>
        <source>reject suggestion</source>
        <translation>رفض اقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="491"/>
        <source>reject {n} suggestions</source>
        <translation>رفض {n} من الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="492"/>
        <source>withdraw suggestion</source>
        <translation>سحب اقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="493"/>
        <source>withdraw {n} suggestions</source>
        <translation>سحب {n} من الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="494"/>
        <source>store suggestions</source>
        <translation>حفظ الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="496"/>
        <source>nothing to accept: the {into} layer already holds it</source>
        <translation>لا شيء للقبول: تحويه طبقة {into} بالفعل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="497"/>
        <source>nothing to accept: nothing is chosen</source>
        <translation>لا شيء للقبول: لم يُختر شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="498"/>
        <source>nothing to accept: agreements need two annotators at least</source>
        <translation>لا شيء للقبول: الاتفاقات تحتاج مُعلِّمَين اثنين على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="499"/>
        <source>nothing to accept: {who} agree on nothing in this document</source>
        <translation>لا شيء للقبول: لا يتفق {who} على شيء في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="500"/>
        <source>nothing to accept: the {into} layer already holds all {n} agreements of {who} in this document</source>
        <translation>لا شيء للقبول: تحوي طبقة {into} كل اتفاقات {who} في هذا المستند ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="505"/>
        <source>nothing to accept: {n} events or relations {who} agree on need spans whose attributes they set differently; accept one version of those spans into {into} first</source>
        <translation>لا شيء للقبول: {n} من الأحداث أو العلاقات التي يتفق عليها {who} تحتاج مقاطع اختلفوا في خصائصها؛ اقبل نسخة واحدة من هذه المقاطع في {into} أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="511"/>
        <source>nothing to accept: {n} trigger spans {who} agree on wait for their events, which they annotate differently; accept one version of those events into {into} first</source>
        <translation>لا شيء للقبول: {n} من مقاطع المُطلِقات التي يتفق عليها {who} تنتظر أحداثها، إذ اختلفوا في وسم هذه الأحداث؛ اقبل نسخة واحدة منها في {into} أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="517"/>
        <source>nothing to accept: {n} events {who} agree on have a trigger span labelled otherwise than their type (data of an older version); the problems list names them</source>
        <translation>لا شيء للقبول: {n} من الأحداث التي يتفق عليها {who} مُطلِقها مقطع تسميته غير نوعها (بيانات إصدار أقدم)؛ قائمة المشكلات تسمّيها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="523"/>
        <source>{event}: argument {role} points at a deleted span or event, or at one not in the project (never added, or held back in quarantine)</source>
        <translation>{event}: المعمول {role} يشير إلى مقطع أو حدث محذوف، أو إلى ما ليس في المشروع (لم يُضَف قط، أو محجوز في الحجر)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="528"/>
        <source>id {uuid} is already used</source>
        <translation>المعرّف {uuid} مستعمل من قبل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="529"/>
        <source>{names} and {last}</source>
        <translation>{names} و{last}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="530"/>
        <source>{first}, {rest}</source>
        <translation>{first}، {rest}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="533"/>
        <source>{label}</source>
        <translation>{label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="534"/>
        <source>{type}</source>
        <translation>{type}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="535"/>
        <source>{role}</source>
        <translation>{role}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="536"/>
        <source>{a} / {b}</source>
        <translation>{a} مقابل {b}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="537"/>
        <source>{name}: {a} / {b}</source>
        <translation>{name}: {a} مقابل {b}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="538"/>
        <source>{first}; {rest}</source>
        <translation>{first}؛ {rest}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="539"/>
        <source>{type}: A {a} / B {b}</source>
        <translation>{type}: أ {a} / ب {b}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="540"/>
        <source>gold: {versions}</source>
        <translation>المرجع: {versions}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="541"/>
        <source>{text} is not in {into}</source>
        <translation>{text} ليس في الطبقة {into}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="542"/>
        <source>“{text}” ({label}) triggers an event in {into}: edit {into} there to replace it</source>
        <translation>«{text}» ({label}) مُطلِقُ حدثٍ في {into}: حرِّر {into} هناك لاستبداله</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="546"/>
        <source>only a span can replace gold spans</source>
        <translation>لا يحلّ محلَّ مقاطع المرجع إلا مقطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="549"/>
        <source>binary file, not text (NUL byte)</source>
        <translation>ملف ثنائي، لا نص (بايت NUL)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="550"/>
        <source>binary file, not text ({count} control characters)</source>
        <translation>ملف ثنائي، لا نص ({count} من محارف التحكم)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="551"/>
        <source>cannot connect to the hub {hub}: {problem}</source>
        <translation>تعذّر الاتصال بخادم الفريق {hub}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="552"/>
        <source>cannot list: {why}</source>
        <translation>تعذّر سرد محتوياته: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="553"/>
        <source>cannot read: {why}</source>
        <translation>تعذّرت القراءة: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="554"/>
        <source>column {column} appears twice in the header</source>
        <translation>يظهر العمود {column} مرتين في سطر العناوين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="555"/>
        <source>duplicate key {key}</source>
        <translation>مفتاح مكرر {key}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="556"/>
        <source>empty column name in the header (column {column})</source>
        <translation>اسم عمود فارغ في سطر العناوين (العمود {column})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="557"/>
        <source>empty document</source>
        <translation>مستند فارغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="558"/>
        <source>empty {column} cell</source>
        <translation>خلية {column} فارغة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="559"/>
        <source>expected a token and a tag separated by a tab or space: {line}</source>
        <translation>يُنتظر رمز ووسم يفصل بينهما محرف جدولة أو مسافة: {line}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="562"/>
        <source>invalid JSON: expected &apos;,&apos; or &apos;]&apos; after an item</source>
        <translation>JSON غير صالح: يُنتظر &apos;,&apos; أو &apos;]&apos; بعد العنصر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="563"/>
        <source>invalid JSON: extra data after the array</source>
        <translation>JSON غير صالح: بيانات زائدة بعد المصفوفة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="564"/>
        <source>invalid JSON: number too large</source>
        <translation>JSON غير صالح: عدد كبير جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="565"/>
        <source>invalid JSON: {problem} at column {column}</source>
        <translation>JSON غير صالح: {problem} في العمود {column}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="566"/>
        <source>line longer than {limit} bytes</source>
        <translation>سطر أطول من {limit} بايت</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="567"/>
        <source>longer than {limit} characters</source>
        <translation>أطول من {limit} محرف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="568"/>
        <source>lost the connection to the hub: {problem} (nothing half-done is kept)</source>
        <translation>انقطع الاتصال بخادم الفريق: {problem} (لم يُحفظ شيء منقوص)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="571"/>
        <source>nested deeper than {limit} levels</source>
        <translation>متداخل بأعمق من {limit} مستوى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="572"/>
        <source>no answer within {seconds} seconds</source>
        <translation>لا جواب خلال {seconds} ثانية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="573"/>
        <source>no column {column} (columns: {columns})</source>
        <translation>لا عمود {column} (الأعمدة: {columns})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="574"/>
        <source>no header row</source>
        <translation>لا سطر عناوين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="575"/>
        <source>no space left on device: {path}</source>
        <translation>لا مساحة متبقية على القرص: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="576"/>
        <source>not UTF-8 text (invalid UTF-8 byte {byte} at column {column})</source>
        <translation>ليس نصًا بترميز UTF-8 (بايت UTF-8 غير صالح {byte} في العمود {column})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="579"/>
        <source>not a PostgreSQL URL or connection string: {problem}</source>
        <translation>ليس عنوان PostgreSQL ولا سلسلة اتصال: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="580"/>
        <source>number {number} is out of range</source>
        <translation>العدد {number} خارج النطاق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="581"/>
        <source>the hub URL holds a password: remove it and put it in ~/.pgpass (or PGPASSFILE, PGPASSWORD, or a service file); it is never stored in a project or printed</source>
        <translation>يحوي عنوان خادم الفريق كلمة مرور: احذفها وضعها في ⁦~/.pgpass⁩ (أو PGPASSFILE أو PGPASSWORD أو ملف خدمة)؛ لا تُخزَّن أبدًا في مشروع ولا تُطبع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="586"/>
        <source>the hub URL is empty; give a PostgreSQL URL or connection string ({example} for libpq&apos;s defaults and PG* environment variables)</source>
        <translation>عنوان خادم الفريق فارغ؛ أعطِ عنوان ⁨PostgreSQL⁩ أو سلسلة اتصال ({example} لقيم ⁨libpq⁩ الافتراضية ومتغيرات البيئة ⁨PG*⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="591"/>
        <source>saved as {encoding}: save it as UTF-8</source>
        <translation>الملف محفوظ بترميز {encoding}: احفظه بترميز UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="592"/>
        <source>synced; the hub&apos;s log line could not be written: {problem}</source>
        <translation>تمت المزامنة؛ تعذّرت كتابة سطر السجل في خادم الفريق: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="593"/>
        <source>the hub refused: {problem}</source>
        <translation>رفض خادم الفريق: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="594"/>
        <source>{cells} cells, but the header has {columns} columns</source>
        <translation>عدد الخلايا {cells}، وفي سطر العناوين {columns} من الأعمدة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="595"/>
        <source>{name} is not allowed</source>
        <translation>{name} غير مسموح به</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="596"/>
        <source>{path}: already exists; open it instead</source>
        <translation>{path}: موجود بالفعل؛ افتحه بدلًا من ذلك</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="597"/>
        <source>{path}: busy ({what}); is it open elsewhere?</source>
        <translation>{path}: مشغول ({what})؛ أهو مفتوح في مكان آخر؟</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="598"/>
        <source>{path}: cannot open ({what})</source>
        <translation>{path}: تعذّر الفتح ({what})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="599"/>
        <source>{path}: cannot read or write the project file ({what})</source>
        <translation>{path}: تعذّرت قراءة ملف المشروع أو الكتابة فيه ({what})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="600"/>
        <source>{path}: cannot read: {why}</source>
        <translation>{path}: تعذّرت القراءة: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="601"/>
        <source>{path}: cannot use write-ahead logging ({mode})</source>
        <translation>{path}: تعذّر استخدام سجل الكتابة المسبقة ({mode})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="602"/>
        <source>{path}: closed after a failed write ({reason}); nothing of that write was kept; open the project again</source>
        <translation>{path}: أُغلق بعد كتابة فاشلة ({reason})؛ لم يُحفظ شيء من تلك الكتابة؛ افتح المشروع من جديد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="607"/>
        <source>{path}: disk full ({what}); nothing was written</source>
        <translation>{path}: القرص ممتلئ ({what})؛ لم يُكتب شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="608"/>
        <source>{path}: made by a newer annotator (file version {version}, this app reads up to {supported}); update annotator to open it</source>
        <translation>{path}: أنشأه إصدار أحدث من annotator (إصدار الملف {version}، وهذا التطبيق يقرأ حتى الإصدار {supported})؛ حدّث annotator لتفتحه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="613"/>
        <source>{path}: no such project file</source>
        <translation>{path}: لا يوجد ملف المشروع هذا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="614"/>
        <source>{path}: not an annotator project (SQLite file of another application)</source>
        <translation>{path}: ليس مشروع annotator (ملف SQLite لتطبيق آخر)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="617"/>
        <source>{path}: not an annotator project (not a file)</source>
        <translation>{path}: ليس مشروع annotator (ليس ملفًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="618"/>
        <source>{path}: not an annotator project (not an SQLite file)</source>
        <translation>{path}: ليس مشروع annotator (ليس ملف SQLite)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="619"/>
        <source>{path}: opened read-only</source>
        <translation>{path}: مفتوح للقراءة فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="620"/>
        <source>{path}: not an annotator project, or a damaged one ({problems})</source>
        <translation>{path}: ليس مشروع annotator، أو أنه مشروع تالف ({problems})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="623"/>
        <source>unexpected {objects}</source>
        <translation>كائنات غير متوقعة: {objects}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="624"/>
        <source>altered {objects}</source>
        <translation>كائنات مُعدَّلة: {objects}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="625"/>
        <source>missing {objects}</source>
        <translation>كائنات مفقودة: {objects}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="626"/>
        <source>{path}: a leftover {name} sits beside it: move it away first</source>
        <translation>{path}: بجانبه ملف متبقٍّ {name}: انقله من مكانه أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="629"/>
        <source>{path}: out of memory ({what})</source>
        <translation>{path}: نفدت الذاكرة ({what})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="167"/>
        <source>{part} of an unexported {kind}</source>
        <translation>{part} من {kind} لم يُصدَّر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="111"/>
        <source>{path}: the stored model cannot be read: {problem}; train it again</source>
        <translation>{path}: تتعذّر قراءة النموذج المخزَّن: {problem}؛ درِّبه من جديد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="114"/>
        <source>model {id} is damaged: {problem}; train the model again</source>
        <translation>النموذج {id} تالف: {problem}؛ درِّب النموذج من جديد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="115"/>
        <source>layer {layer} holds {total} entity mentions in {documents} labelled documents, but --eval-split {split} holds out {held} of them and leaves {mentions} mentions in {kept} documents to train on; training needs at least {least}: give a smaller --eval-split</source>
        <translation>الطبقة {layer} فيها {total} إشارات إلى كيانات في {documents} مستندات موسومة، لكن ⁨--eval-split {split}⁩ يحجز {held} منها للتقييم ويترك {mentions} إشارات في {kept} مستندات للتدريب؛ يحتاج التدريب {least} على الأقل: اختر قيمة أصغر لـ ⁨--eval-split⁩</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="122"/>
        <source>the span {start}-{end} of {name} ends before it starts: its end must come after its start</source>
        <translation>المقطع {start}-{end} من {name} ينتهي قبل أن يبدأ: يجب أن تأتي نهايته بعد بدايته</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="630"/>
        <source>{path}: already exists (a symbolic link to a missing file); nothing was created</source>
        <translation>{path}: موجود بالفعل (رابط رمزي إلى ملف مفقود)؛ لم يُنشأ شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="634"/>
        <source>{path}: path too long for SQLite ({size} bytes, limit {limit})</source>
        <translation>{path}: المسار أطول مما يقبله ⁨SQLite⁩ ({size} بايت، والحد {limit})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="637"/>
        <source>a spaCy DocBin (.spacy) cannot be imported; the formats that can: {formats}</source>
        <translation>لا يمكن استيراد ملف ⁨spaCy DocBin (.spacy)⁩؛ الصيغ التي يمكن استيرادها: {formats}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="640"/>
        <source>left out of documents {count}: {reason}</source>
        <translation>أُغفل من المستندات {count}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="641"/>
        <source>their meta (no place in {format})</source>
        <translation>بياناتها الوصفية (لا مكان لها في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="642"/>
        <source>their status (no place in {format})</source>
        <translation>حالتها (لا مكان لها في {format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="643"/>
        <source>the schema has changed meanwhile: {problem}</source>
        <translation>تغيّر المخطط في أثناء ذلك: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="644"/>
        <source>the schema has changed meanwhile: {name} is no longer as this step left it</source>
        <translation>تغيّر المخطط في أثناء ذلك: لم يعد {name} كما تركته هذه الخطوة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="647"/>
        <source>{path}: the project file could not be checked ({error})</source>
        <translation>{path}: تعذّر فحص ملف المشروع ({error})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="648"/>
        <source>{path}: the project file is corrupt (the text of document {document} does not match its sha256)</source>
        <translation>{path}: ملف المشروع تالف (نص المستند {document} لا يطابق بصمته sha256)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="653"/>
        <source>{path}: the project file is corrupt ({what})</source>
        <translation>{path}: ملف المشروع تالف ({what})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="654"/>
        <source>{path}: the project file is read-only ({what})</source>
        <translation>{path}: ملف المشروع للقراءة فقط ({what})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="655"/>
        <source>{path}: the project is closed</source>
        <translation>{path}: المشروع مغلق</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="659"/>
        <source>more than {limit} records</source>
        <translation>أكثر من {limit} سجل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="660"/>
        <source>too many members ({count})</source>
        <translation>عدد الأعضاء كبير جدًا ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="661"/>
        <source>unexpected fields {extra} / missing {missing}</source>
        <translation>حقول غير متوقعة {extra} / حقول ناقصة {missing}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="662"/>
        <source>expected a JSON object</source>
        <translation>يُنتظر كائن JSON</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="663"/>
        <source>not an annotator bundle ({format})</source>
        <translation>ليست حزمة annotator ({format})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="664"/>
        <source>made by a newer annotator (v{version})</source>
        <translation>أنشأها إصدار أحدث من annotator (الإصدار {version})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="665"/>
        <source>checksums must list every member</source>
        <translation>يجب أن تذكر المجاميع الاختبارية كل عضو</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="666"/>
        <source>counts must be integers of known kinds</source>
        <translation>يجب أن تكون الأعداد أعدادًا صحيحة لأنواع معروفة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="667"/>
        <source>sha256 must be 64 lowercase hex digits</source>
        <translation>يجب أن تكون البصمة sha256 من 64 رقمًا ستة عشريًا بأحرف صغيرة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="668"/>
        <source>meta: {problem}</source>
        <translation>البيانات الوصفية: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="669"/>
        <source>unknown record kind {kind}</source>
        <translation>نوع سجل غير معروف {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="670"/>
        <source>refers to a document not listed in the bundle</source>
        <translation>يشير إلى مستند غير مدرج في الحزمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="671"/>
        <source>record of another annotator than the manifest&apos;s</source>
        <translation>سجل لموسِّم غير المذكور في بيان الحزمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="672"/>
        <source>status of another annotator than the manifest&apos;s</source>
        <translation>حالة لموسِّم غير المذكور في بيان الحزمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="673"/>
        <source>not a readable bundle (bad zip: {problem})</source>
        <translation>حزمة غير مقروءة (ملف zip تالف: {problem})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="674"/>
        <source>member {name} is missing</source>
        <translation>العضو {name} مفقود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="675"/>
        <source>checksum does not match manifest</source>
        <translation>المجموع الاختباري لا يطابق بيان الحزمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="676"/>
        <source>count of {key} differs</source>
        <translation>عدد {key} مختلف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="677"/>
        <source>count of {key} missing</source>
        <translation>عدد {key} غير مذكور</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="678"/>
        <source>more than {limit} documents</source>
        <translation>أكثر من {limit} مستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="679"/>
        <source>more than {limit} statuses</source>
        <translation>أكثر من {limit} حالة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="680"/>
        <source>member name with a backslash: {name}</source>
        <translation>اسم عضو فيه شرطة مائلة عكسية: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="681"/>
        <source>absolute member name: {name}</source>
        <translation>اسم عضو مطلق: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="682"/>
        <source>member name leaves the bundle: {name}</source>
        <translation>اسم عضو يخرج عن الحزمة: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="683"/>
        <source>member is a link: {name}</source>
        <translation>العضو رابط: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="684"/>
        <source>duplicate member name: {name}</source>
        <translation>اسم عضو مكرر: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="685"/>
        <source>unexpected member: {name}</source>
        <translation>عضو غير متوقع: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="686"/>
        <source>encrypted member: {name}</source>
        <translation>عضو مشفّر: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="687"/>
        <source>unsupported compression in {name}</source>
        <translation>ضغط غير مدعوم في {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="688"/>
        <source>compression ratio of {name} is too high</source>
        <translation>نسبة ضغط {name} عالية جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="689"/>
        <source>bundle too large when uncompressed</source>
        <translation>الحزمة كبيرة جدًا بعد فك ضغطها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="690"/>
        <source>not UTF-8 text</source>
        <translation>ليس نصًا بترميز UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="691"/>
        <source>more than {limit} lines</source>
        <translation>أكثر من {limit} سطر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="692"/>
        <source>field {key} must be a {kind}</source>
        <translation>يجب أن يكون الحقل {key} من النوع {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="693"/>
        <source>text: {problem}</source>
        <translation>النص: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="694"/>
        <source>the text does not match its sha256</source>
        <translation>النص لا يطابق بصمته sha256</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="695"/>
        <source>the text is not normalised (CR or BOM)</source>
        <translation>النص غير مُوحَّد (فيه CR أو BOM)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="696"/>
        <source>a NUL character in {key} (not valid text)</source>
        <translation>محرف NUL في {key} (ليس نصًا صالحًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="697"/>
        <source>fragments must be [start, end] pairs</source>
        <translation>يجب أن تكون الأجزاء أزواج [البداية، النهاية]</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="698"/>
        <source>unknown status {status}</source>
        <translation>حالة غير معروفة {status}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="699"/>
        <source>document {sha256} twice</source>
        <translation>المستند {sha256} مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="700"/>
        <source>larger than declared</source>
        <translation>أكبر مما صُرِّح به</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="701"/>
        <source>uuid {uuid} appears twice</source>
        <translation>المعرّف {uuid} يظهر مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="702"/>
        <source>{where}: {added} added, {updated} updated, {kept} unchanged</source>
        <translation>{where}: أُضيف {added}، وحُدِّث {updated}، وبقي {kept} دون تغيير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="703"/>
        <source>documents: {added} added, {matched} matched</source>
        <translation>المستندات: أُضيف {added}، وطوبق {matched}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="704"/>
        <source>a JSON column holds {kind}</source>
        <translation>عمود JSON يحوي {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="705"/>
        <source>refers to document id {id}, not in the file</source>
        <translation>يشير إلى معرّف المستند {id}، وهو ليس في الملف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="706"/>
        <source>deleted must be 0 or 1, not {value}</source>
        <translation>يجب أن تكون قيمة الحذف 0 أو 1، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="707"/>
        <source>statuses updated: {n}</source>
        <translation>الحالات المحدَّثة: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="708"/>
        <source>labels added from {where}: {labels}</source>
        <translation>التسميات المضافة من {where}: {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="709"/>
        <source>moved {n} event attributes from trigger spans to their events</source>
        <translation>نُقلت {n} من خصائص الأحداث من مقاطع المُطلِقات إلى أحداثها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="712"/>
        <source>labels of {where} not added: {problem}</source>
        <translation>لم تُضف تسميات {where}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="713"/>
        <source>{path}: more than {documents} documents or {records} records (more rows than a merge takes)</source>
        <translation>{path}: أكثر من {documents} مستند أو {records} سجل (صفوف أكثر مما يقبله الدمج)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="718"/>
        <source>quarantined ({reason}): {n}</source>
        <translation>في الحجر ({reason}): {n}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="719"/>
        <source>kept, for check to list ({reason}): {n}</source>
        <translation>أُبقي ليعرضه الفحص ({reason}): {n}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="720"/>
        <source>{path}: larger than {limit} bytes</source>
        <translation>{path}: أكبر من {limit} بايت</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="721"/>
        <source>{path}: cannot read ({error}: {problem})</source>
        <translation>{path}: تعذّرت القراءة ({error}: {problem})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="722"/>
        <source>record id {uuid} arrives in several layers ({names})</source>
        <translation>معرّف السجل {uuid} يَرِد في عدة طبقات ({names})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="723"/>
        <source>record id {uuid} belongs to layer {layer}, not {other}</source>
        <translation>معرّف السجل {uuid} ينتمي إلى الطبقة {layer}، لا {other}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="724"/>
        <source>unknown document</source>
        <translation>مستند غير معروف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="725"/>
        <source>bad or repeated document id {id}</source>
        <translation>معرّف مستند غير صالح أو مكرر {id}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="726"/>
        <source>entity {id}</source>
        <translation>الكيان {id}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="727"/>
        <source>relation {id}</source>
        <translation>العلاقة {id}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="728"/>
        <source>events {n}</source>
        <translation>الحدث {n} من events</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="729"/>
        <source>{what}: {field}</source>
        <translation>{what}: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="730"/>
        <source>expected a JSON object with a &quot;text&quot; string</source>
        <translation>يُنتظر كائن JSON فيه نص &quot;text&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="731"/>
        <source>label {n}: label</source>
        <translation>التسمية {n}: التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="732"/>
        <source>label {n}</source>
        <translation>التسمية {n}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="733"/>
        <source>entity {n}: id</source>
        <translation>الكيان {n}: المعرّف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="734"/>
        <source>entity {id}: label</source>
        <translation>الكيان {id}: التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="735"/>
        <source>relation {n}: id</source>
        <translation>العلاقة {n}: المعرّف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="736"/>
        <source>label {n}: expected [start, end, &quot;LABEL&quot;], got {item}</source>
        <translation>التسمية {n}: يُنتظر [البداية، النهاية، &quot;التسمية&quot;]، ووُجد {item}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="737"/>
        <source>entity {item}: expected an object with a label</source>
        <translation>الكيان {item}: يُنتظر كائن له تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="738"/>
        <source>entity id {id} is used twice</source>
        <translation>معرّف الكيان {id} مستعمل مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="739"/>
        <source>relation {item}: expected an object with a type</source>
        <translation>العلاقة {item}: يُنتظر كائن له نوع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="740"/>
        <source>relation id {id} is used twice</source>
        <translation>معرّف العلاقة {id} مستعمل مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="741"/>
        <source>{what}: unknown entity {source} or {target}</source>
        <translation>{what}: كيان غير معروف {source} أو {target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="742"/>
        <source>events {n}: expected an object</source>
        <translation>الحدث {n} من events: يُنتظر كائن</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="743"/>
        <source>{what}: argument role</source>
        <translation>{what}: دور المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="744"/>
        <source>{what}: {problem}</source>
        <translation>{what}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="745"/>
        <source>{what}: an argument is not an object</source>
        <translation>{what}: أحد المعمولات ليس كائنًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="746"/>
        <source>{what}: argument span</source>
        <translation>{what}: مقطع المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="747"/>
        <source>event {k}</source>
        <translation>الحدث {k}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="748"/>
        <source>trigger of {what}</source>
        <translation>مُطلِق {what}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="749"/>
        <source>relation {k}</source>
        <translation>العلاقة {k}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="750"/>
        <source>{what}: token range ({start}, {end}) is not inside the {count} tokens</source>
        <translation>{what}: مدى الرموز ({start}، {end}) ليس داخل الرموز الـ{count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="753"/>
        <source>expected one JSON object per line</source>
        <translation>يُنتظر كائن JSON واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="754"/>
        <source>&quot;tokens&quot; must be a list of non-empty strings</source>
        <translation>يجب أن يكون &quot;tokens&quot; قائمة نصوص غير فارغة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="755"/>
        <source>&quot;tokens&quot; is empty</source>
        <translation>&quot;tokens&quot; فارغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="756"/>
        <source>a token holds a line break or starts with a byte-order mark</source>
        <translation>أحد الرموز يحوي فاصل أسطر أو يبدأ بعلامة ترتيب البايتات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="757"/>
        <source>doc_id {doc_id} comes back after other documents (its sentences began on line {line}): two documents share this doc_id, or the file&apos;s lines were reordered</source>
        <translation>المعرّف doc_id {doc_id} يعود بعد مستندات أخرى (بدأت جمله في السطر {line}): مستندان يتشاركان هذا المعرّف، أو أُعيد ترتيب أسطر الملف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="762"/>
        <source>sent_id {sent_id} of doc_id {doc_id} was already read on line {line}: two documents share this doc_id</source>
        <translation>المعرّف sent_id {sent_id} للمستند doc_id {doc_id} قُرئ من قبل في السطر {line}: مستندان يتشاركان هذا المعرّف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="767"/>
        <source>argument refers to {entity}, which is not an entity mention of the sentence</source>
        <translation>يشير المعمول إلى {entity}، وهو ليس ذكرًا لكيان في الجملة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="771"/>
        <source>{what} needs two arguments</source>
        <translation>{what} يحتاج إلى معمولين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="772"/>
        <source>null</source>
        <translation>قيمة فارغة (null)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="773"/>
        <source>{what} must be an object, not {kind}</source>
        <translation>يجب أن يكون {what} كائنًا، لا {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="774"/>
        <source>{what} must be a list, not {kind}</source>
        <translation>يجب أن يكون {what} قائمة، لا {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="775"/>
        <source>{what} must be an integer, not {value}</source>
        <translation>يجب أن يكون {what} عددًا صحيحًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="776"/>
        <source>{what} must be a string, not {value}</source>
        <translation>يجب أن يكون {what} نصًا، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="777"/>
        <source>{what} item {k}</source>
        <translation>{what}: العنصر {k}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="778"/>
        <source>an object</source>
        <translation>كائنًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="779"/>
        <source>a list</source>
        <translation>قائمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="780"/>
        <source>a string</source>
        <translation>نصًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="781"/>
        <source>a boolean</source>
        <translation>قيمة منطقية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="782"/>
        <source>a number</source>
        <translation>عددًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="783"/>
        <source>id {id} is used twice</source>
        <translation>المعرّف {id} مستعمل مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="784"/>
        <source>id {id} is already used</source>
        <translation>المعرّف {id} مستعمل من قبل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="785"/>
        <source>id {id} is already used on line {line}</source>
        <translation>المعرّف {id} مستعمل من قبل في السطر {line}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="786"/>
        <source>meta.events {k}</source>
        <translation>الحدث {k} من meta.events</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="787"/>
        <source>regions count offsets in different units (region {one} only in {units}, region {two} only in {other}); refusing to guess</source>
        <translation>المناطق تعدّ المواضع بوحدات مختلفة (المنطقة {one} بالوحدة {units} وحدها، والمنطقة {two} بالوحدة {other} وحدها)؛ لن يُخمَّن</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="792"/>
        <source>{unit}: {problem}</source>
        <translation>{unit}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="793"/>
        <source>{first}; {second}</source>
        <translation>{first}؛ {second}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="794"/>
        <source>region {region}: value.text {text} does not match ({tried})</source>
        <translation>المنطقة {region}: النص value.text {text} لا يطابق ({tried})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="795"/>
        <source>expected an object with a &quot;data&quot; object</source>
        <translation>يُنتظر كائن فيه كائن &quot;data&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="796"/>
        <source>no &quot;text&quot; in &quot;data&quot;</source>
        <translation>لا يوجد &quot;text&quot; في &quot;data&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="797"/>
        <source>&quot;meta.events&quot; must be a list</source>
        <translation>يجب أن يكون &quot;meta.events&quot; قائمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="798"/>
        <source>{what}: argument</source>
        <translation>{what}: المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="799"/>
        <source>region id {id} is used twice</source>
        <translation>معرّف المنطقة {id} مستعمل مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="800"/>
        <source>region {region}: {problem}</source>
        <translation>المنطقة {region}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="801"/>
        <source>&quot;{key}&quot; must be a list</source>
        <translation>يجب أن يكون &quot;{key}&quot; قائمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="802"/>
        <source>not a Label Studio JSON file: {problem}</source>
        <translation>ليس ملف JSON من Label Studio: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="803"/>
        <source>task {n}: {problem}</source>
        <translation>المهمة {n}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="804"/>
        <source>an annotation is not an object</source>
        <translation>أحد التوسيمات ليس كائنًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="805"/>
        <source>{what} is not an object</source>
        <translation>{what} ليس كائنًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="806"/>
        <source>a result is not an object</source>
        <translation>إحدى النتائج ليست كائنًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="807"/>
        <source>relation {source}→{target}: unknown region</source>
        <translation>العلاقة {source}→{target}: منطقة غير معروفة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="808"/>
        <source>covers {text}</source>
        <translation>يغطي {text}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="809"/>
        <source>result {k}: id</source>
        <translation>النتيجة {k}: المعرّف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="810"/>
        <source>region {region}: no value.labels</source>
        <translation>المنطقة {region}: لا توجد value.labels</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="811"/>
        <source>region {region}: label</source>
        <translation>المنطقة {region}: التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="812"/>
        <source>result {k}: from_id</source>
        <translation>النتيجة {k}: from_id</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="813"/>
        <source>result {k}: to_id</source>
        <translation>النتيجة {k}: to_id</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="814"/>
        <source>relation {source}→{target} has no label</source>
        <translation>العلاقة {source}→{target} بلا تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="815"/>
        <source>relation {source}→{target}: label</source>
        <translation>العلاقة {source}→{target}: التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="816"/>
        <source>token {k} {field}</source>
        <translation>الرمز {k}: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="817"/>
        <source>span {field}</source>
        <translation>المقطع: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="818"/>
        <source>{what} {field}</source>
        <translation>{what}: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="819"/>
        <source>relation {k}: label</source>
        <translation>العلاقة {k}: التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="820"/>
        <source>event {n} {field}</source>
        <translation>الحدث {n}: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="821"/>
        <source>skipped: answer {answer}</source>
        <translation>تُخطّي: الإجابة {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="822"/>
        <source>token {k} ({start}, {end}) is empty, overlaps the previous one or is outside the text (length {length})</source>
        <translation>الرمز {k} ({start}، {end}) فارغ أو يتداخل مع الذي قبله أو خارج النص (طوله {length})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="827"/>
        <source>token {k} ({start}, {end}) covers only a removed line-end character</source>
        <translation>الرمز {k} ({start}، {end}) لا يغطي إلا محرف نهاية سطر محذوفًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="830"/>
        <source>span {k}: label must be a non-empty string</source>
        <translation>المقطع {k}: يجب أن تكون التسمية نصًا غير فارغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="831"/>
        <source>span {k} ({start}, {end}) is outside the text (length {length})</source>
        <translation>المقطع {k} ({start}، {end}) خارج النص (طوله {length})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="834"/>
        <source>{what} must be an object with start, end and label</source>
        <translation>يجب أن يكون {what} كائنًا له بداية ونهاية وتسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="835"/>
        <source>{what} ({start}, {end}) is not one of the spans</source>
        <translation>{what} ({start}، {end}) ليس من المقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="836"/>
        <source>relation {field}</source>
        <translation>العلاقة: الحقل {field}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="837"/>
        <source>event {n} argument</source>
        <translation>الحدث {n}: المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="838"/>
        <source>offset {n} is outside the text ({length} characters)</source>
        <translation>الموضع {n} خارج النص ({length} محرفًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="839"/>
        <source>export cancelled; nothing was written</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="840"/>
        <source>offsets {start} {end} are not integers</source>
        <translation>الموضعان {start} و{end} ليسا عددين صحيحين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="841"/>
        <source>offsets {start} {end} are empty or outside the text ({limit})</source>
        <translation>الموضعان {start} و{end} يحدّان مقطعًا فارغًا أو خارج النص ({limit})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="844"/>
        <source>offsets {start} {end} cover no stored character</source>
        <translation>الموضعان {start} و{end} لا يغطيان أي محرف محفوظ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="845"/>
        <source>{path}: cannot create its lock file {file}: {why}</source>
        <translation>{path}: تعذّر إنشاء ملف القفل {file}: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="846"/>
        <source>{path}: being written by another annotator process ({who}: an import, a merge or a script); try again when it has finished, or open it read-only</source>
        <translation>{path}: تكتب فيه عملية أخرى من annotator ({who}: استيراد أو دمج أو برنامج نصي)؛ أعد المحاولة حين تنتهي، أو افتحه للقراءة فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="851"/>
        <source>{path}: the project file is read-only (it is on a read-only file system); use read-only commands, or copy it to a writable folder to edit it</source>
        <translation>{path}: ملف المشروع للقراءة فقط (إنه على نظام ملفات للقراءة فقط)؛ استخدم أوامر القراءة فقط، أو انسخه إلى مجلد قابل للكتابة لتحرّره</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="856"/>
        <source>{path}: the project file is read-only (no permission to write it); use read-only commands, or copy it to a writable folder to edit it</source>
        <translation>{path}: ملف المشروع للقراءة فقط (لا إذن بالكتابة فيه)؛ استخدم أوامر القراءة فقط، أو انسخه إلى مجلد قابل للكتابة لتحرّره</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="861"/>
        <source>{path}: the folder {folder} is read-only (annotator writes its journal and lock next to the project); use read-only commands, or copy it to a writable folder</source>
        <translation>{path}: المجلد {folder} للقراءة فقط (يكتب annotator سجله وقفله بجوار المشروع)؛ استخدم أوامر القراءة فقط، أو انسخه إلى مجلد قابل للكتابة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="867"/>
        <source>{path}: cannot lock {file} (it keeps changing)</source>
        <translation>{path}: تعذّر قفل {file} (لا يكف عن التغيّر)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="868"/>
        <source>{path}: open for editing in an annotator window ({who}); close it there first, or use a read-only command</source>
        <translation>{path}: مفتوح للتحرير في نافذة annotator ({who})؛ أغلقه هناك أولًا، أو استخدم أمرًا للقراءة فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="873"/>
        <source>{path}: the folder {folder} is read-only (cannot create {name})</source>
        <translation>{path}: المجلد {folder} للقراءة فقط (تعذّر إنشاء {name})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="876"/>
        <source>{path}: already open for editing in an annotator window: {who}; it can still be opened read-only (view only) here</source>
        <translation>{path}: مفتوح من قبل للتحرير في نافذة annotator: {who}؛ لا يزال ممكنًا فتحه هنا للقراءة فقط (للعرض فقط)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="881"/>
        <source>another annotator window</source>
        <translation>نافذة أخرى من annotator</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="882"/>
        <source>process {pid} ({program})</source>
        <translation>العملية {pid} ({program})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="883"/>
        <source>process {pid}</source>
        <translation>العملية {pid}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="884"/>
        <source>{path}: already open for editing in another annotator window; it can still be opened read-only (view only) here</source>
        <translation>{path}: مفتوح من قبل للتحرير في نافذة أخرى من annotator؛ لا يزال ممكنًا فتحه هنا للقراءة فقط (للعرض فقط)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="889"/>
        <source>{path}: cannot lock {file}: {why}</source>
        <translation>{path}: تعذّر قفل {file}: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="890"/>
        <source>entity type must be a non-empty string, not {value}</source>
        <translation>يجب أن يكون نوع الكيان نصًا غير فارغ، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="891"/>
        <source>event type must be a non-empty string, not {value}</source>
        <translation>يجب أن يكون نوع الحدث نصًا غير فارغ، لا {value}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="892"/>
        <source>entity type {value} is not in the schema</source>
        <translation>نوع الكيان {value} ليس في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="893"/>
        <source>event type {value} is not in the schema</source>
        <translation>نوع الحدث {value} ليس في المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="895"/>
        <source>Span F1: annotator A is the reference, B the response; F1 is symmetric. Spans are sets: a duplicate in one layer counts once. Overlap = one-to-one maximum matching of same-label spans sharing a character.</source>
        <translation>مقياس F1 للمقاطع: الموسِّم أ هو المرجع والموسِّم ب هو الاستجابة، ومقياس F1 متناظر. المقاطع مجموعات: المقطع المكرَّر في طبقة واحدة يُعَدّ مرة واحدة. التداخل = مطابقة قصوى (واحد لواحد) بين مقاطع التسمية نفسها التي تشترك في محرف.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="901"/>
        <source>Token kappa/alpha: tokens are words cut at every span boundary of the compared annotators (of the pair&apos;s two for kappa, of all of them for alpha; S layer); a token takes the label of the outermost span over it, else O. A token no span covers is O for every annotator who has the document (spans or events there, or marked done), and a missing value for alpha when the annotator does not have the document; kappa uses only documents both have.</source>
        <translation>كابا وألفا على الرموز: الرموز كلمات تُقطَع عند كل حدّ مقطع للموسِّمين المقارَنين (لموسِّمَي الزوج في كابا، ولهم جميعًا في ألفا؛ طبقة S)، ويأخذ الرمز تسمية أوسع مقطع يغطيه، وإلا فتسميته O. والرمز الذي لا يغطيه أي مقطع تسميته O لكل موسِّم لديه المستند (له فيه مقاطع أو أحداث، أو وسمه منجزًا)، وهو قيمة مفقودة في ألفا إن لم يكن المستند لدى الموسِّم؛ ولا تستعمل كابا إلا المستندات التي لدى الموسِّمَين كليهما.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="910"/>
        <source>Alpha-U: characters of the compared documents concatenated in document order; text an annotator did not mark with a label is a gap (a judgement of &apos;not this label&apos;), not a missing value. The all-annotator alpha-U uses only documents every annotator has.</source>
        <translation>ألفا-U: محارف المستندات المقارَنة موصولةً بترتيب المستندات؛ والنص الذي لم يَسِمه الموسِّم بتسمية فجوةٌ (حكمٌ بأنه «ليس هذه التسمية»)، لا قيمة مفقودة. ولا تستعمل ألفا-U لجميع الموسِّمين إلا المستندات التي لدى كل الموسِّمين.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="916"/>
        <source>Events: ACE trigger/argument identification and classification; arguments are aligned by offsets, each side is a set.</source>
        <translation>الأحداث: مقاييس ACE لتعرّف المُطلِق والمعمول وتصنيفهما؛ وتُطابَق المعمولات بمواضعها في النص، وكلا الجانبين مجموعة.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="921"/>
        <source>Inter-annotator agreement</source>
        <translation>الاتفاق بين الموسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="922"/>
        <source>Annotators: {names}. Documents: {count}.</source>
        <translation>الموسِّمون: {names}. المستندات: {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="923"/>
        <source>All annotators</source>
        <translation>جميع الموسِّمين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="924"/>
        <source>measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="925"/>
        <source>value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="926"/>
        <source>Krippendorff&apos;s alpha (nominal, tokens)</source>
        <translation>ألفا كريبندورف (اسمي، رموز)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="927"/>
        <source>Krippendorff&apos;s alpha-U (characters)</source>
        <translation>ألفا-U كريبندورف (محارف)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="928"/>
        <source>alpha-U {label}</source>
        <translation>ألفا-U {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="929"/>
        <source>alpha-U</source>
        <translation>ألفا-U</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="930"/>
        <source>Pairs (A reference, B response)</source>
        <translation>الأزواج (أ أساس المقارنة، ب المقارَن به)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="931"/>
        <source>A</source>
        <translation>أ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="932"/>
        <source>B</source>
        <translation>ب</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="933"/>
        <source>F1</source>
        <translation>مقياس F1</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="934"/>
        <source>F1 exact</source>
        <translation>F1 (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="935"/>
        <source>F1 overlap</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="936"/>
        <source>boundary F1</source>
        <translation>F1 الحدود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="937"/>
        <source>F1 mean over documents</source>
        <translation>متوسط F1 على المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="938"/>
        <source>Cohen&apos;s kappa (tokens)</source>
        <translation>كابا كوهين (رموز)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="939"/>
        <source>pairwise exact F1</source>
        <translation>F1 (تطابق تام) لكل زوج</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="940"/>
        <source>F1 per label</source>
        <translation>F1 لكل تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="941"/>
        <source>P exact</source>
        <translation>الدقة (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="942"/>
        <source>R exact</source>
        <translation>الاستدعاء (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="943"/>
        <source>n A</source>
        <translation>عدد أ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="944"/>
        <source>n B</source>
        <translation>عدد ب</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="945"/>
        <source>exact</source>
        <translation>تطابق تام</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="946"/>
        <source>overlap</source>
        <translation>تداخل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="947"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="948"/>
        <source>P</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="949"/>
        <source>R</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="950"/>
        <source>Confusion (rows A, columns B; ∅ = no span)</source>
        <translation>مصفوفة الالتباس (الصفوف أ، الأعمدة ب؛ ∅ = لا مقطع)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="951"/>
        <source>A \ B</source>
        <translation>أ \ ب</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="952"/>
        <source>confusion</source>
        <translation>الالتباس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="953"/>
        <source>confusion matrix</source>
        <translation>مصفوفة الالتباس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="954"/>
        <source>Per document</source>
        <translation>لكل مستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="955"/>
        <source>kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="957"/>
        <source>symbolic link, not followed</source>
        <translation>رابط رمزي، لم يُتَّبَع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="958"/>
        <source>not a regular file ({kind})</source>
        <translation>ليس ملفًا عاديًا ({kind})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="959"/>
        <source>not a regular file ({kind}), not read</source>
        <translation>ليس ملفًا عاديًا ({kind})، لم يُقرأ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="960"/>
        <source>file too large ({size} bytes; limit {limit})</source>
        <translation>الملف كبير جدًا ({size} بايت؛ الحد {limit})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="961"/>
        <source>a folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="962"/>
        <source>a FIFO</source>
        <translation>أنبوب FIFO</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="963"/>
        <source>a device</source>
        <translation>جهاز</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="964"/>
        <source>a socket</source>
        <translation>مقبس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="965"/>
        <source>a symbolic link</source>
        <translation>رابط رمزي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="966"/>
        <source>a special file</source>
        <translation>ملف خاص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="968"/>
        <source>label {name} is the schema&apos;s {ours} written otherwise (one name: they differ only in case, harakat, tatweel, alef forms or digit forms): write it {ours} in the file, or use --new-labels skip</source>
        <translation>التسمية {name} هي {ours} التي في المخطط مكتوبةً بصورة أخرى (اسم واحد: لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام): اكتبها {ours} في الملف، أو اختر «تخطٍّ» في «تسميات خارج المخطط»</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="974"/>
        <source>this span triggers {events}; relabelled {label}, 1 argument would be left in a role {label} lacks ({roles}): delete it first</source>
        <translation>هذا المقطع مُطلِق {events}؛ وإن أُعيدت تسميته بـ{label} فسيبقى معمول واحد في دور ليس في {label} ({roles}): احذفه أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="979"/>
        <source>this span triggers {events}; relabelled {label}, {count} arguments would be left in roles {label} lacks ({roles}): delete them first</source>
        <translation>هذا المقطع مُطلِق {events}؛ وإن أُعيدت تسميته بـ{label} فستبقى {count} من المعمولات في أدوار ليست في {label} ({roles}): احذفها أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="984"/>
        <source>{kind} {theirs} it defines taken as the schema&apos;s {ours} (one name: they differ only in case, harakat, tatweel, alef forms or digit forms)</source>
        <translation>{kind} {theirs} التي يعرّفها الملف أُخذت على أنها {ours} التي في المخطط (اسم واحد: لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="989"/>
        <source>{where}: attribute {theirs} taken as the project&apos;s {ours} (one name: they differ only in case, harakat, tatweel, alef forms or digit forms)</source>
        <translation>{where}: أُخذت الخاصية {theirs} على أنها {ours} التي في المشروع (اسم واحد: لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1014"/>
        <source>cannot relabel the {name} events as {label}: {problems}. A schema edit deletes no annotation: delete those arguments first, or choose another event type</source>
        <translation>لا يمكن إعادة تسمية أحداث {name} بـ{label}: {problems}. تعديل المخطط لا يحذف أي توسيم: احذف تلك المعمولات أولًا، أو اختر نوع حدث آخر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1019"/>
        <source>1 argument is in a role {label} lacks ({roles})</source>
        <translation>معمول واحد في دور ليس في {label} ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1020"/>
        <source>{count} arguments are in roles {label} lacks ({roles})</source>
        <translation>{count} من المعمولات في أدوار ليست في {label} ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1021"/>
        <source>1 argument fills a role of {label} that does not accept its filler ({roles})</source>
        <translation>معمول واحد يملأ دورًا في {label} لا يقبل ما يملؤه ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1025"/>
        <source>{count} arguments fill roles of {label} that do not accept their fillers ({roles})</source>
        <translation>{count} من المعمولات تملأ أدوارًا في {label} لا تقبل ما يملؤها ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1029"/>
        <source>{one}; {other}</source>
        <translation>{one}؛ {other}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1030"/>
        <source>1 argument fills a role that does not accept {label} ({roles})</source>
        <translation>معمول واحد يملأ دورًا لا يقبل {label} ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1033"/>
        <source>{count} arguments fill roles that do not accept {label} ({roles})</source>
        <translation>{count} من المعمولات تملأ أدوارًا لا تقبل {label} ({roles})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1036"/>
        <source>1 relation of type {type} would not link {source} to {target}</source>
        <translation>علاقة واحدة من النوع {type} لن تربط {source} بـ{target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1039"/>
        <source>{count} relations of type {type} would not link {source} to {target}</source>
        <translation>{count} من العلاقات من النوع {type} لن تربط {source} بـ{target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1042"/>
        <source>{count} relations would not link their spans as their types allow ({types})</source>
        <translation>{count} من العلاقات لن تربط مقاطعها كما تسمح أنواعها ({types})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1046"/>
        <source>cannot relabel {name} as {label}: {problems}. A schema edit deletes no annotation: change or delete those first, or choose another label</source>
        <translation>لا يمكن إعادة تسمية {name} بـ{label}: {problems}. تعديل المخطط لا يحذف أي توسيم: غيّر تلك التوسيمات أو احذفها أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1051"/>
        <source>relabelled {label}, this {old} would carry attribute {attribute}, which {label} does not take: remove the attribute first, or choose another label</source>
        <translation>بعد إعادة التسمية إلى {label} سيحمل هذا العنصر ({old}) الخاصية {attribute}، و{label} لا تقبلها: احذف الخاصية أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1056"/>
        <source>cannot relabel {name} as {label}: 1 annotation carries attribute {attribute}, which {label} does not take. Define it for {label}, remove it from the annotation first, or choose another label</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: توصيف واحد يحمل الخاصية {attribute}، و{label} لا تقبلها. عرّفها لـ{label}، أو احذفها من التوصيف أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1062"/>
        <source>cannot relabel {name} as {label}: {count} annotations carry attributes {label} does not take ({attributes}). Define them for {label}, remove them from the annotations first, or choose another label</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: {count} من التوصيفات تحمل خصائص لا تقبلها {label} ({attributes}). عرّفها لـ{label}، أو احذفها من التوصيفات أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1068"/>
        <source>role map: the event type {event} of {where} has the roles {theirs} and {other}; mapping {theirs} to {ours} would give it {ours} twice</source>
        <translation>ربط الأدوار: لنوع الحدث {event} في {where} الدوران {theirs} و{other}؛ وربط {theirs} بـ{ours} يجعل له الدور {ours} مرتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1073"/>
        <source>label map: {theirs} of {where} and the project&apos;s {ours} are not of one kind (entity label, event type or relation type)</source>
        <translation>ربط التسميات: {theirs} في {where} و{ours} في المشروع ليستا من نوع واحد (تسمية كيان، أو نوع حدث، أو نوع علاقة)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1078"/>
        <source>attribute {attribute} it defines added to the schema, on {labels}</source>
        <translation>الخاصية {attribute} التي يعرّفها الملف أُضيفت إلى المخطط، على {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1081"/>
        <source>attribute {attribute} it defines added to the schema, on every label</source>
        <translation>الخاصية {attribute} التي يعرّفها الملف أُضيفت إلى المخطط، على كل التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1084"/>
        <source>{n} annotations were changed or deleted meanwhile (in another window, a merge or a sync); undoing would overwrite them</source>
        <translation>{n} من التوصيفات تغيّرت أو حُذفت في الأثناء (في نافذة أخرى أو دمج أو مزامنة)؛ والتراجع سيكتب فوقها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1089"/>
        <source>{n} annotations were changed or deleted meanwhile (in another window, a merge or a sync); redoing would overwrite them</source>
        <translation>{n} من التوصيفات تغيّرت أو حُذفت في الأثناء (في نافذة أخرى أو دمج أو مزامنة)؛ والإعادة ستكتب فوقها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1094"/>
        <source>an annotation was changed or deleted meanwhile (in another window, a merge or a sync); undoing would overwrite it</source>
        <translation>توصيف تغيّر أو حُذف في الأثناء (في نافذة أخرى أو دمج أو مزامنة)؛ والتراجع سيكتب فوقه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1099"/>
        <source>an annotation was changed or deleted meanwhile (in another window, a merge or a sync); redoing would overwrite it</source>
        <translation>توصيف تغيّر أو حُذف في الأثناء (في نافذة أخرى أو دمج أو مزامنة)؛ والإعادة ستكتب فوقه</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1104"/>
        <source>cannot relabel {name} as {label}: 1 relation of type {name} is broken already ({problems}), and the step would write it as it is. A schema edit deletes no annotation: delete or mend that relation first, or choose another label</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: علاقة واحدة من النوع {name} مكسورة أصلًا ({problems})، والخطوة ستكتبها كما هي. تعديل المخطط لا يحذف أي توصيف: احذف تلك العلاقة أو أصلحها أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1110"/>
        <source>cannot relabel {name} as {label}: {count} relations of type {name} are broken already ({problems}), and the step would write them as they are. A schema edit deletes no annotation: delete or mend those relations first, or choose another label</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: {count} من علاقات النوع {name} مكسورة أصلًا ({problems})، والخطوة ستكتبها كما هي. تعديل المخطط لا يحذف أي توصيف: احذف تلك العلاقات أو أصلحها أولًا، أو اختر تسمية أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1116"/>
        <source>1 points at a deleted span</source>
        <translation>واحدة تشير إلى مقطع محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1120"/>
        <source>{count} point at a deleted span</source>
        <translation>{count} تشير إلى مقطع محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1124"/>
        <source>1 links spans neither {name} nor {label} accepts</source>
        <translation>واحدة تربط مقاطع لا يقبلها {name} ولا {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1128"/>
        <source>{count} link spans neither {name} nor {label} accepts</source>
        <translation>{count} تربط مقاطع لا يقبلها {name} ولا {label}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1132"/>
        <source>cannot relabel {name} as {label}: 1 event of type {name} has its trigger span deleted, and the step would write it as it is. A schema edit deletes no annotation: delete that event or give it a trigger first</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: حدث واحد من النوع {name} حُذف مقطع مُطلِقه، والخطوة ستكتبه كما هو. تعديل المخطط لا يحذف أي توصيف: احذف ذلك الحدث أو أعطه مُطلِقًا أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1138"/>
        <source>cannot relabel {name} as {label}: {count} events of type {name} have their trigger span deleted, and the step would write them as they are. A schema edit deletes no annotation: delete those events or give them a trigger first</source>
        <translation>لا يمكن إعادة تسمية {name} إلى {label}: {count} من أحداث النوع {name} حُذفت مقاطع مُطلِقاتها، والخطوة ستكتبها كما هي. تعديل المخطط لا يحذف أي توصيف: احذف تلك الأحداث أو أعطها مُطلِقات أولًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1144"/>
        <source>attributes {theirs} and {ours} are one name (they differ only in case, harakat, tatweel, alef forms or digit forms) and the record carries both</source>
        <translation>الخاصيتان {theirs} و{ours} اسم واحد (لا تختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام) والسجل يحمل كلتيهما</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1149"/>
        <source>{kind} {key}: {problem}</source>
        <translation>{kind} {key}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1150"/>
        <source>attribute added from {where}: {attribute} on {labels}</source>
        <translation>خاصية أُضيفت من {where}: {attribute} على {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1151"/>
        <source>attribute added from {where}: {attribute} on every label</source>
        <translation>خاصية أُضيفت من {where}: {attribute} على كل التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1152"/>
        <source>{where}: label {theirs} mapped to the project&apos;s {ours}: {n} records relabelled</source>
        <translation>{where}: رُبطت التسمية {theirs} بتسمية المشروع {ours}: أُعيدت تسمية {n} من السجلات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1156"/>
        <source>{where}: role {theirs} mapped to the project&apos;s {ours}: {n} arguments relabelled</source>
        <translation>{where}: رُبط الدور {theirs} بدور المشروع {ours}: أُعيدت تسمية {n} من المعمولات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1160"/>
        <source>label map: {theirs} → {ours} is not a pair of names</source>
        <translation>ربط التسميات: {theirs} ← {ours} ليس زوجًا من الأسماء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1164"/>
        <source>label map: {where} holds no label {theirs}</source>
        <translation>ربط التسميات: لا يحوي {where} التسمية {theirs}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1168"/>
        <source>label map: the project&apos;s schema has no label {ours} (to take {theirs} of {where} as)</source>
        <translation>ربط التسميات: ليس في مخطط المشروع التسمية {ours} (لتُقرأ بها {theirs} من {where})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1172"/>
        <source>role map: {theirs} → {ours} is not a pair of names</source>
        <translation>ربط الأدوار: {theirs} ← {ours} ليس زوجًا من الأسماء</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1176"/>
        <source>role map: {where} holds no role {theirs}</source>
        <translation>ربط الأدوار: لا يحوي {where} الدور {theirs}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1180"/>
        <source>role map: the project&apos;s schema has no role {ours} (to take {theirs} of {where} as)</source>
        <translation>ربط الأدوار: ليس في مخطط المشروع الدور {ours} (ليُقرأ به {theirs} من {where})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1187"/>
        <source>argument {role}:{target} is unknown</source>
        <translation>المعمول {role}:{target} مجهول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1188"/>
        <source>attribute value that annotation.conf cannot list (brat reads no other)</source>
        <translation>قيمة خاصية لا يستطيع annotation.conf إدراجها (ولا يقرأ brat غير ما يُدرَج فيه)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1191"/>
        <source>attribute value {value} of {attribute} left out of annotation.conf (brat cannot list it)</source>
        <translation>القيمة {value} للخاصية {attribute} تُركت خارج annotation.conf (لا يستطيع brat إدراجها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1195"/>
        <source>carriage return in a note, written as a line break (brat notes are one line each)</source>
        <translation>محرف إرجاع العربة في ملاحظة كُتب فاصل سطر (ملاحظات brat سطر واحد لكل منها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1199"/>
        <source>event type</source>
        <translation>نوع الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1200"/>
        <source>event type {type} has no role {role} (use --new-labels add or skip; {count} unknown name(s): {names})</source>
        <translation>ليس لنوع الحدث {type} الدور {role} (اختر «إضافة» أو «تخطٍّ» في «تسميات خارج المخطط»؛ الأسماء المجهولة {count}: {names})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1205"/>
        <source>event {event} differs from the stored {uuid}</source>
        <translation>الحدث {event} يختلف عن المحفوظ {uuid}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1206"/>
        <source>event {event}: argument {role}: its target {target} was skipped</source>
        <translation>الحدث {event}: المعمول {role}: تُخطّي هدفه {target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1209"/>
        <source>event {event}: its trigger {trigger} was skipped</source>
        <translation>الحدث {event}: تُخطّي مُطلِقه {trigger}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1210"/>
        <source>event {event}: trigger {trigger} is not a span of this document</source>
        <translation>الحدث {event}: المُطلِق {trigger} ليس مقطعًا في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1213"/>
        <source>event {event}: unknown role {role} of {type} skipped</source>
        <translation>الحدث {event}: تُخطّي الدور المجهول {role} من {type}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1214"/>
        <source>event {event}: {name} {kept} kept, its trigger span {span} said {theirs} (an older version wrote both)</source>
        <translation>الحدث {event}: أُبقي {name} {kept}، وكان مقطع مُطلِقه {span} يقول {theirs} (كتبت نسخة أقدم الاثنين)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1219"/>
        <source>event {event}: {problem}</source>
        <translation>الحدث {event}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1220"/>
        <source>id {id} is used twice in this document</source>
        <translation>المعرِّف {id} مستعمل مرتين في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1221"/>
        <source>not an annotator project or bundle (neither an SQLite file nor a zip file)</source>
        <translation>ليس مشروع annotator ولا حزمة (لا هو ملف SQLite ولا ملف zip)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1225"/>
        <source>nothing to accept: the document is marked adjudicated, and {into} keeps its own version of {n} agreements of {who}</source>
        <translation>لا شيء للقبول: المستند معلَّم بأنه حُسم، وتُبقي {into} نسختها الخاصة من {n} من اتفاقات {who}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1230"/>
        <source>relation type</source>
        <translation>نوع العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1231"/>
        <source>relation type name</source>
        <translation>اسم نوع العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1232"/>
        <source>relation type {name}</source>
        <translation>نوع العلاقة {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1233"/>
        <source>relation type {name} is not in the schema (use --new-labels add or skip; {count} unknown name(s): {names})</source>
        <translation>نوع العلاقة {name} ليس في المخطط (اختر «إضافة» أو «تخطٍّ» في «تسميات خارج المخطط»؛ الأسماء المجهولة {count}: {names})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1238"/>
        <source>relation {relation}: its argument {target} was skipped</source>
        <translation>العلاقة {relation}: تُخطّي طرفها {target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1239"/>
        <source>relation {relation}: unknown argument {source}/{target}</source>
        <translation>العلاقة {relation}: طرف مجهول {source}/{target}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1240"/>
        <source>relation {relation}: {problem}</source>
        <translation>العلاقة {relation}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1241"/>
        <source>role name</source>
        <translation>اسم الدور</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1242"/>
        <source>role {role} of {type}</source>
        <translation>الدور {role} من {type}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1243"/>
        <source>roles added to the schema: {roles}</source>
        <translation>أدوار أُضيفت إلى المخطط: {roles}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1244"/>
        <source>span {span} ({label}): {names} kept on the trigger span: no event of it takes them (annotator check reports them)</source>
        <translation>المقطع {span} ({label}): أُبقيت {names} على مقطع المُطلِق: لا يقبلها أي حدث له (يذكرها annotator check)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1249"/>
        <source>span {span} differs from the stored {uuid}</source>
        <translation>المقطع {span} يختلف عن المحفوظ {uuid}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1250"/>
        <source>span {start}-{end} ({label}) is outside the text (length {length})</source>
        <translation>المقطع {start}-{end} ({label}) خارج النص (طوله {length})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1253"/>
        <source>span {start}-{end} ({label}): {problem}</source>
        <translation>المقطع {start}-{end} ({label}): {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1254"/>
        <source>task {n}: nothing tells its {count} annotations apart (no completed_by of their own); read into layers {layers}</source>
        <translation>المهمة {n}: لا شيء يميّز توصيفاتها الـ{count} (لا completed_by خاصًّا بكل منها)؛ قُرئت في الطبقات {layers}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1259"/>
        <source>text of {count} sentences not kept (their tokens joined by spaces instead): the &quot;sentence&quot; (or &quot;text&quot;) does not hold the tokens in order with only white space between them</source>
        <translation>لم يُحفظ نص {count} من الجمل (ضُمّت وحداتها بمسافات بدلًا منه): لا يحوي &quot;sentence&quot; (أو &quot;text&quot;) الوحدات بترتيبها وبينها فراغات فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1265"/>
        <source>the tokens leave out {word} at offset {offset}: they must cover every character but white space</source>
        <translation>تترك الوحدات {word} عند الموضع {offset}: يجب أن تغطي كل محرف عدا الفراغات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1270"/>
        <source>token {k} ({start}, {end}): its text {given} is not the text at its offsets, {found}</source>
        <translation>الوحدة {k} ({start}، {end}): نصها {given} ليس النص عند مواضعها، {found}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1274"/>
        <source>unknown {kind} {name} skipped</source>
        <translation>تُخطّي {kind} مجهول {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1275"/>
        <source>warning: spans carry labels the schema no longer defines, kept as they are (&apos;annotator check&apos; lists them): {labels}</source>
        <translation>تنبيه: مقاطع تحمل تسميات لم يعد المخطط يعرّفها، أُبقيت كما هي (يذكرها &apos;annotator check&apos;): {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1280"/>
        <source>{n} not stored: their label is not in the project&apos;s schema</source>
        <translation>{n} لم تُحفظ: تسميتها ليست في مخطط المشروع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1281"/>
        <source>{n} of the model&apos;s suggestions not stored: the project&apos;s schema has no label {labels} (train the model again to learn the schema&apos;s labels)</source>
        <translation>{n} من اقتراحات النموذج لم تُحفظ: ليس في مخطط المشروع التسمية {labels} (درّب النموذج من جديد ليتعلم تسميات المخطط)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1286"/>
        <source>{path}: the schema file defines no label, event type or relation type; the project&apos;s schema is unchanged</source>
        <translation>{path}: لا يعرّف ملف المخطط أي تسمية أو نوع حدث أو نوع علاقة؛ مخطط المشروع لم يتغير</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1293"/>
        <source>edit attributes</source>
        <translation>تحرير الخصائص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1294"/>
        <source>its bytes do not match their checksum</source>
        <translation>بايتاته لا تطابق مجموعها التحققي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1295"/>
        <source>its manifest is damaged</source>
        <translation>وصفه تالف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1296"/>
        <source>no attribute {name}</source>
        <translation>لا خاصية باسم {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1297"/>
        <source>no value {value} in {attribute}</source>
        <translation>لا قيمة {value} في {attribute}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1298"/>
        <source>rename attribute {old} to {new}</source>
        <translation>إعادة تسمية الخاصية {old} إلى {new}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1299"/>
        <source>rename value {old} to {new}</source>
        <translation>إعادة تسمية القيمة {old} إلى {new}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1300"/>
        <source>the regular expression {pattern} took longer than {seconds} seconds and was stopped; simplify it (a group repeated inside a repeat, like (a|aa)+, can take forever)</source>
        <translation>استغرق التعبير النمطي {pattern} أكثر من {seconds} ثانية فأُوقف؛ بسّطه (مجموعة مكررة داخل تكرار، مثل (a+)+، قد لا ينتهي)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1305"/>
        <source>{label}: hotkey {hotkey} uses {key}, which the window never reads as a label hotkey; give a letter or digit key (with Ctrl, Alt, Shift or Meta if you like)</source>
        <translation>{label}: مفتاح الاختصار {hotkey} يستعمل {key}، ولا تقرؤه النافذة مفتاحًا لتسمية أبدًا؛ اختر مفتاح حرف أو رقم (مع Ctrl أو Alt أو Shift أو Meta إن شئت)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1310"/>
        <source>{path}: the stored {kind} model {id} is damaged ({problem}); train it again</source>
        <translation>{path}: نموذج {kind} المحفوظ {id} تالف ({problem})؛ درّبه من جديد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1313"/>
        <source>{what} {name} contains {char}: names may not hold , or | (lists of names are separated by them)</source>
        <translation>{what} {name} يحوي {char}: لا يجوز أن تحوي الأسماء , أو | (تُفصل بهما قوائم الأسماء)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1318"/>
        <source>{where}: label {theirs} mapped to the project&apos;s {ours}: {n} records relabelled; no annotation carries {theirs} now (the project&apos;s schema still defines it)</source>
        <translation>{where}: رُبطت التسمية {theirs} بتسمية المشروع {ours}: أُعيدت تسمية {n} من السجلات؛ لا يحمل أي توصيف {theirs} الآن (وما زال مخطط المشروع يعرّفها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1325"/>
        <source>a .csv gazetteer names a label on each row (name,label): a label for every name ({label}) is for a .txt gazetteer</source>
        <translation>معجم الأسماء من نوع ⁨.csv⁩ يسمّي تسمية في كل صف (name,label): أما تسمية لكل الأسماء ({label}) فلمعجم أسماء من نوع ⁨.txt⁩</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1330"/>
        <source>the layer for documents that name none: {problem}</source>
        <translation>الطبقة للمستندات التي لا تسمّي طبقة: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1331"/>
        <source>label {theirs} it defines not added to the schema: it is the schema&apos;s {ours} written otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); its annotations are not relabelled</source>
        <translation>لم تُضَف التسمية {theirs} التي يعرّفها إلى المخطط: إنها {ours} التي في المخطط مكتوبةً بصورة أخرى (لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)؛ ولا تُغيَّر تسمية توصيفاتها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1339"/>
        <source>all event types</source>
        <translation>كل أنواع الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1340"/>
        <source>event triggers, scored apart from the labels above on the same held-out documents ({n} held out, exact spans, per event type):</source>
        <translation>مُطلِقات الأحداث، مقيَّمة بمعزل عن التسميات أعلاه على المستندات المحجوزة نفسها ({n} محجوزة، مقاطع مطابقة تمامًا، لكل نوع حدث):</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1345"/>
        <source>event triggers: {events} in the layer, none in the documents trained on: too few for a held-out score</source>
        <translation>مُطلِقات الأحداث: {events} في الطبقة، ولا شيء منها في المستندات التي دُرِّب عليها: أقل من أن تُقيَّم على مستندات محجوزة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1350"/>
        <source>event triggers: {events} in the layer, none in the held-out documents: too few for a held-out score</source>
        <translation>مُطلِقات الأحداث: {events} في الطبقة، ولا شيء منها في المستندات المحجوزة: أقل من أن تُقيَّم على مستندات محجوزة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1355"/>
        <source>event triggers: {events} in the layer; none could be scored on the held-out documents</source>
        <translation>مُطلِقات الأحداث: {events} في الطبقة؛ لم يمكن تقييم شيء منها على المستندات المحجوزة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1359"/>
        <source>expected a JSON object with document, start, end and label</source>
        <translation>المتوقع كائن ⁨JSON⁩ فيه ⁨document⁩ و⁨start⁩ و⁨end⁩ و⁨label⁩</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1360"/>
        <source>its meta.json name or version: {problem}</source>
        <translation>اسم ⁨meta.json⁩ أو إصداره: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1361"/>
        <source>label must be a non-empty string</source>
        <translation>يجب أن تكون التسمية نصًّا غير فارغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1362"/>
        <source>label {name} is not in the project&apos;s schema</source>
        <translation>التسمية {name} ليست في مخطط المشروع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1363"/>
        <source>missing field {field}</source>
        <translation>الحقل {field} ناقص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1364"/>
        <source>no document named {name} in the project</source>
        <translation>لا مستند باسم {name} في المشروع</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1365"/>
        <source>not a JSON object: {problem}</source>
        <translation>ليس كائن ⁨JSON⁩: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1366"/>
        <source>not a spaCy pipeline folder (no config.cfg)</source>
        <translation>ليس مجلد خط معالجة ⁨spaCy⁩ (لا يوجد ⁨config.cfg⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1367"/>
        <source>offsets {start}-{end} are outside the text of {name} ({length} characters)</source>
        <translation>المواضع {start}-{end} خارج نص {name} ({length} محرفًا)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1370"/>
        <source>score must be a number from 0 to 1</source>
        <translation>يجب أن تكون الدرجة عددًا من 0 إلى 1</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1371"/>
        <source>several documents are named {name}: the name does not tell which one (give them distinct names)</source>
        <translation>عدة مستندات اسمها {name}: لا يدل الاسم على أيها (أعطها أسماء مختلفة)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1376"/>
        <source>source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1377"/>
        <source>source {name} is one of the project&apos;s own (its model, annotate-all, a gazetteer): give the predictions a source of their own</source>
        <translation>المصدر {name} من مصادر المشروع نفسه (نموذجه، أو التوسيم الشامل، أو معجم أسماء): أعطِ التنبؤات مصدرًا خاصًّا بها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1382"/>
        <source>spaCy cannot load it: {problem}</source>
        <translation>لا يستطيع ⁨spaCy⁩ تحميله: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1383"/>
        <source>spaCy is not installed (pip install spacy)</source>
        <translation>⁨spaCy⁩ غير مثبَّت (⁨pip install spacy⁩)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1384"/>
        <source>start and end must be whole numbers (code-point offsets)</source>
        <translation>يجب أن يكون ⁨start⁩ و⁨end⁩ عددين صحيحين (مواضع بنقاط الترميز)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1385"/>
        <source>the span {start}-{end} of {name} is empty: its end must come after its start</source>
        <translation>المقطع {start}-{end} من {name} فارغ: يجب أن تأتي نهايته بعد بدايته</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1389"/>
        <source>the span {start}-{end} of {name} is only white space</source>
        <translation>المقطع {start}-{end} من {name} فراغات فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1390"/>
        <source>trigger scores must be an object of {fields}</source>
        <translation>يجب أن تكون درجات المُطلِقات كائنًا من {fields}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1391"/>
        <source>trigger scores: per_label and micro must be objects</source>
        <translation>درجات المُطلِقات: يجب أن يكون ⁨per_label⁩ و⁨micro⁩ كائنين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1392"/>
        <source>trigger scores: scores without events to score</source>
        <translation>درجات المُطلِقات: درجات بلا أحداث تُقيَّم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1393"/>
        <source>trigger scores: the events trained on and held out do not add up</source>
        <translation>درجات المُطلِقات: لا يساوي مجموعُ الأحداث المدرَّب عليها والمحجوزة العددَ الكلي</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1396"/>
        <source>trigger scores: the overall row does not match the event types</source>
        <translation>درجات المُطلِقات: الصف الإجمالي لا يطابق أنواع الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1399"/>
        <source>trigger scores: the row of {label} must hold precision, recall and F1 from 0 to 1 and a whole support</source>
        <translation>درجات المُطلِقات: يجب أن يحوي صف {label} الدقة والاستدعاء و⁨F1⁩ من 0 إلى 1 وعدد أمثلة صحيحًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1404"/>
        <source>trigger scores: {field} must be a whole number</source>
        <translation>درجات المُطلِقات: يجب أن يكون {field} عددًا صحيحًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1405"/>
        <source>unknown field {field} (expected {fields})</source>
        <translation>حقل مجهول {field} (المتوقع {fields})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1406"/>
        <source>{n} not stored: their score is not a number from 0 to 1</source>
        <translation>{n} لم تُحفظ: درجتها ليست عددًا من 0 إلى 1</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1407"/>
        <source>{n} not stored: their span is only white space or outside the text</source>
        <translation>{n} لم تُحفظ: مقطعها فراغات فقط أو خارج النص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1410"/>
        <source>{n} pending suggestion(s) that {sources} left before were replaced</source>
        <translation>استُبدلت {n} من الاقتراحات المعلّقة التي تركها {sources} من قبل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1413"/>
        <source>{setting} = {value} runs a callback or takes something from outside the folder: only a self-contained pipeline folder is loaded, nothing taken from another pipeline or package</source>
        <translation>{setting} = {value} يشغّل دالة استدعاء أو يأخذ شيئًا من خارج المجلد: لا يُحمَّل إلا مجلد خط معالجة قائم بذاته، ولا يؤخذ شيء من خط معالجة أو حزمة أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1418"/>
        <source>{n} line(s) skipped: they are for other documents</source>
        <translation>تُخطّي {n} سطرًا: إنها لمستندات أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1419"/>
        <source>a document of this name was in the project with another text; this one was added beside it: {name}</source>
        <translation>كان في المشروع مستند بهذا الاسم ونصه مختلف؛ أُضيف هذا بجانبه: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1424"/>
        <source>attribute of {where} not added, as nothing was taken in from it: {attribute}</source>
        <translation>لم تُضَف سمة من {where}، إذ لم يؤخذ منه شيء: {attribute}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1428"/>
        <source>document {name} (id {document})</source>
        <translation>المستند {name} (المعرّف {document})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1429"/>
        <source>labels of {where} not added, as nothing was taken in from it: {labels}</source>
        <translation>لم تُضَف تسميات {where}، إذ لم يؤخذ منه شيء: {labels}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1433"/>
        <source>more documents added beside one of the same name and another text: {count}</source>
        <translation>مستندات أخرى أُضيفت بجانب مستند بالاسم نفسه ونص مختلف: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1437"/>
        <source>more documents read as the stored text of the same tokens: {count}</source>
        <translation>مستندات أخرى قُرئت على أنها النص المحفوظ ذو الرموز نفسها: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1441"/>
        <source>nothing to export: the text of every selected document no longer matches its sha256 (changed outside annotator; &apos;annotator check&apos; reports it): {documents}</source>
        <translation>لا شيء للتصدير: نص كل مستند مختار لم يعد يطابق بصمته sha256 (غُيِّر خارج annotator؛ يذكره &apos;annotator check&apos;): {documents}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1446"/>
        <source>same tokens as {stored}, white space aside (CoNLL keeps the tokens, not the text between them): read as its text: {name}</source>
        <translation>الرموز نفسها التي في {stored}، بصرف النظر عن المسافات (يحفظ CoNLL الرموز لا النص بينها): قُرئ على أنه نصه: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1451"/>
        <source>suggestions row {row}, document {document}: it ends at {end}, past the end of the text ({length})</source>
        <translation>صف الاقتراحات {row}، المستند {document}: ينتهي عند {end}، بعد نهاية النص ({length})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1456"/>
        <source>suggestions row {row}, document {document}: its text {text} is not the document&apos;s text at {start}-{end} ({expected})</source>
        <translation>صف الاقتراحات {row}، المستند {document}: نصه {text} ليس نص المستند عند {start}-{end} ({expected})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1461"/>
        <source>suggestions row {row}, document {document}: malformed {columns} (left out wherever suggestions are read)</source>
        <translation>صف الاقتراحات {row}، المستند {document}: {columns} مشوّه (يُترك حيثما تُقرأ الاقتراحات)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1466"/>
        <source>suggestions row {row}: its document (id {id}) does not exist</source>
        <translation>صف الاقتراحات {row}: مستنده (المعرّف {id}) غير موجود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1470"/>
        <source>text changed outside annotator, no longer matching its sha256 (&apos;annotator check&apos; reports it): {documents}</source>
        <translation>نص غُيِّر خارج annotator فلم يعد يطابق بصمته sha256 (يذكره &apos;annotator check&apos;): {documents}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1475"/>
        <source>the text of document {document} does not match its sha256</source>
        <translation>نص المستند {document} لا يطابق بصمته sha256</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1476"/>
        <source>the text of {documents} no longer matches its sha256 (changed outside annotator; &apos;annotator check&apos; reports it): a merge would refuse a bundle carrying it, so none is written</source>
        <translation>نص {documents} لم يعد يطابق بصمته sha256 (غُيِّر خارج annotator؛ يذكره &apos;annotator check&apos;): الدمج يرفض حزمة تحمله، فلم تُكتب أي حزمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1482"/>
        <source>{table} row {row} refers to a row of {parent} that does not exist</source>
        <translation>الصف {row} من {table} يشير إلى صف غير موجود من {parent}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1486"/>
        <source>withdrawn_suggestions row {row}: {batch} is not a batch id (left out wherever suggestions are read)</source>
        <translation>صف withdrawn_suggestions ‏{row}: ‏{batch} ليس معرّف دفعة (يُترك حيثما تُقرأ الاقتراحات)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1499"/>
        <source>[Errno {errno}] {why}</source>
        <translation>{why} (خطأ النظام {errno})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1500"/>
        <source>[Errno {errno}] {why}: {path}</source>
        <translation>{path}: {why} (خطأ النظام {errno})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1501"/>
        <source>{problem}: line {line} column {column} (char {char})</source>
        <translation>{problem}: السطر {line} العمود {column} (المحرف {char})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1502"/>
        <source>Permission denied</source>
        <translation>الإذن مرفوض</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1503"/>
        <source>Operation not permitted</source>
        <translation>العملية غير مسموح بها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1504"/>
        <source>No such file or directory</source>
        <translation>لا يوجد ملف أو مجلد بهذا الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1505"/>
        <source>No space left on device</source>
        <translation>لم تبقَ مساحة على القرص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1506"/>
        <source>Disk quota exceeded</source>
        <translation>تُجووزت حصة القرص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1507"/>
        <source>Is a directory</source>
        <translation>هذا مجلد</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1508"/>
        <source>Not a directory</source>
        <translation>ليس مجلدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1509"/>
        <source>Read-only file system</source>
        <translation>نظام ملفات للقراءة فقط</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1510"/>
        <source>File exists</source>
        <translation>الملف موجود</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1511"/>
        <source>Input/output error</source>
        <translation>خطأ في الإدخال أو الإخراج</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1512"/>
        <source>File name too long</source>
        <translation>اسم الملف طويل جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1513"/>
        <source>Too many open files</source>
        <translation>الملفات المفتوحة كثيرة جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1514"/>
        <source>Directory not empty</source>
        <translation>المجلد غير فارغ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1515"/>
        <source>Too many levels of symbolic links</source>
        <translation>مستويات الروابط الرمزية كثيرة جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1516"/>
        <source>File too large</source>
        <translation>الملف كبير جدًا</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1517"/>
        <source>Device or resource busy</source>
        <translation>الجهاز أو المورد مشغول</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1518"/>
        <source>Invalid cross-device link</source>
        <translation>ربط غير صالح بين جهازين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1519"/>
        <source>Text file busy</source>
        <translation>الملف قيد التشغيل</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1520"/>
        <source>Invalid argument</source>
        <translation>وسيط غير صالح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1521"/>
        <source>Bad magic number for central directory</source>
        <translation>توقيع الفهرس المركزي تالف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1522"/>
        <source>Bad magic number for file header</source>
        <translation>توقيع ترويسة الملف تالف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1523"/>
        <source>Bad offset for central directory</source>
        <translation>موضع الفهرس المركزي تالف</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1524"/>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>يُنتظر الفاصل &apos;,&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1525"/>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>يُنتظر الفاصل &apos;:&apos;</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1526"/>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>يُنتظر اسم حقل بين علامتي تنصيص مزدوجتين</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1527"/>
        <source>Expecting value</source>
        <translation>يُنتظر قيمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1528"/>
        <source>Extra data</source>
        <translation>بيانات زائدة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1529"/>
        <source>File is not a zip file</source>
        <translation>الملف ليس ملف zip</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1530"/>
        <source>Invalid \escape</source>
        <translation>تهريب \ غير صالح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1531"/>
        <source>Invalid \uXXXX escape</source>
        <translation>تهريب \uXXXX غير صالح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1532"/>
        <source>Invalid control character</source>
        <translation>محرف تحكم غير صالح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1533"/>
        <source>Invalid control character at</source>
        <translation>محرف تحكم غير صالح عند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1534"/>
        <source>NoneType</source>
        <translation>لا شيء (null)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1535"/>
        <source>Truncated central directory</source>
        <translation>الفهرس المركزي مبتور</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1536"/>
        <source>Truncated file header</source>
        <translation>ترويسة الملف مبتورة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1537"/>
        <source>Unterminated string starting</source>
        <translation>نص غير مغلق يبدأ</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1538"/>
        <source>Unterminated string starting at</source>
        <translation>نص غير مغلق يبدأ عند</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1539"/>
        <source>bool</source>
        <translation>قيمة منطقية</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1540"/>
        <source>dict</source>
        <translation>كائن</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1541"/>
        <source>float</source>
        <translation>عدد عشري</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1542"/>
        <source>int</source>
        <translation>عدد صحيح</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1543"/>
        <source>list</source>
        <translation>قائمة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1544"/>
        <source>str</source>
        <translation>نص</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1545"/>
        <source>zipfiles that span multiple disks are not supported</source>
        <translation>ملفات zip الموزعة على عدة أقراص غير مدعومة</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1546"/>
        <source>line contains NUL</source>
        <translation>في السطر محرف NUL</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1547"/>
        <source>unexpected end of data</source>
        <translation>انتهت البيانات قبل أوانها</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1548"/>
        <source>new-line character seen in unquoted field - do you need to open the file in universal-newline mode?</source>
        <translation>محرف سطر جديد في حقل غير محاط بعلامتي اقتباس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1553"/>
        <source>new-line character seen in unquoted field - do you need to open the file with newline=&apos;&apos;?</source>
        <translation>محرف سطر جديد في حقل غير محاط بعلامتي اقتباس</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1564"/>
        <source>{strerror}</source>
        <translation>خطأ من النظام {name}: {strerror}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1565"/>
        <source>Corrupt extra field {field} (size={size})</source>
        <translation>حقل إضافي تالف {field} (حجمه {size})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1566"/>
        <source>Corrupt zip64 extra field. {field} not found.</source>
        <translation>حقل zip64 الإضافي تالف: لم يوجد فيه {field}.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1567"/>
        <source>Bad CRC-32 for file {name}</source>
        <translation>مجموع التحقق CRC-32 خاطئ للملف {name}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1568"/>
        <source>File name in directory {name} and header {header} differ.</source>
        <translation>اسم الملف في الفهرس {name} يخالف اسمه في الترويسة {header}.</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1569"/>
        <source>Overlapped entries: {name} (possible zip bomb)</source>
        <translation>مدخلات متداخلة: {name} (قد يكون الملف قنبلة zip)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1570"/>
        <source>field larger than field limit ({limit})</source>
        <translation>حقل أكبر من الحد المسموح به للحقل ({limit})</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1571"/>
        <source>{delimiter} expected after {quote}</source>
        <translation>يُنتظر {delimiter} بعد {quote}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1572"/>
        <source>bad CSV: {problem}</source>
        <translation>ملف CSV غير سليم: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1573"/>
        <source>bad CSV header: {problem}</source>
        <translation>ترويسة CSV غير سليمة: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1323"/>
        <source>import suggestions</source>
        <translation>استيراد الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="994"/>
        <source>{where}: label {theirs} not added to the schema: it is the project&apos;s {ours} written otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); no record labelled {theirs} quarantined</source>
        <translation>{where}: لم تُضَف التسمية {theirs} إلى المخطط: إنها {ours} التي في المشروع مكتوبةً بصورة أخرى (لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)؛ لم يُعزَل أي سجل يحمل التسمية {theirs}</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1000"/>
        <source>{where}: label {theirs} not added to the schema: it is the project&apos;s {ours} written otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); 1 record labelled {theirs} quarantined, not relabelled {ours} (a label map {theirs} as {ours} relabels it)</source>
        <translation>{where}: لم تُضَف التسمية {theirs} إلى المخطط: إنها {ours} التي في المشروع مكتوبةً بصورة أخرى (لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)؛ عُزل سجل واحد يحمل التسمية {theirs}، ولم تُغيَّر تسميته إلى {ours} (خريطة تسميات تجعل {theirs} هي {ours} تغيّر تسميته)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1007"/>
        <source>{where}: label {theirs} not added to the schema: it is the project&apos;s {ours} written otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); {n} records labelled {theirs} quarantined, not relabelled {ours} (a label map {theirs} as {ours} relabels them)</source>
        <translation>{where}: لم تُضَف التسمية {theirs} إلى المخطط: إنها {ours} التي في المشروع مكتوبةً بصورة أخرى (لا يختلفان إلا في حالة الأحرف أو الحركات أو التطويل أو صور الألف أو صور الأرقام)؛ عُزلت {n} من السجلات التي تحمل التسمية {theirs}، ولم تُغيَّر تسمياتها إلى {ours} (خريطة تسميات تجعل {theirs} هي {ours} تغيّر تسمياتها)</translation>
    </message>
    <message>
        <location filename="../../ui/core_messages.py" line="1324"/>
        <source>import suggestions from gazetteer {name}</source>
        <translation>استيراد الاقتراحات من معجم الأسماء {name}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="324"/>
        <source>gold</source>
        <translation>المرجع</translation>
    </message>
</context>
<context>
    <name>CurveView</name>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="200"/>
        <source>No learning curve</source>
        <translation>لا منحنى تعلّم</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="226"/>
        <source>held-out F1 by training documents</source>
        <translation>F1 على المستندات المحجوزة حسب عدد مستندات التدريب</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../ui/workbench/details.py" line="366"/>
        <source>Kept, not in the schema: {0}</source>
        <translation>أُبقيت، وليست في المخطط: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="576"/>
        <location filename="../../ui/workbench/details.py" line="600"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="587"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="588"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="589"/>
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="673"/>
        <source>Suggested by {0}</source>
        <translation>اقتراح من {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="676"/>
        <source>Suggested by {0}, confidence {1}</source>
        <translation>اقتراح من {0}، الثقة {1}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="692"/>
        <source>Event {0}</source>
        <translation>حدث {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="706"/>
        <source>Relation {0}: {1} → {2}</source>
        <translation>{0}: {1} ← {2}</translation>
    </message>
</context>
<context>
    <name>DisagreementTable</name>
    <message>
        <location filename="../../ui/review/panes.py" line="45"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="47"/>
        <source>A&apos;s version</source>
        <translation>نسخة أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="49"/>
        <source>B&apos;s version</source>
        <translation>نسخة ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="50"/>
        <source>Detail</source>
        <translation>التفصيل</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="51"/>
        <source>Gold</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="199"/>
        <source>resolved</source>
        <translation>محسوم</translation>
    </message>
    <message>
        <location filename="../../ui/review/panes.py" line="199"/>
        <source>open</source>
        <translation>مفتوح</translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <location filename="../../ui/workbench/panels.py" line="339"/>
        <source>Filter by name</source>
        <translation>تصفية بالاسم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="342"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="352"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="352"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="352"/>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="479"/>
        <source>To review</source>
        <translation>للمراجعة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="479"/>
        <source>In your queue</source>
        <translation>في قائمتك</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="513"/>
        <source>To review ({0})</source>
        <translation>للمراجعة ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="513"/>
        <source>My queue ({0})</source>
        <translation>قائمتي ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="519"/>
        <source>Show only the documents of your queue</source>
        <translation>اعرض مستندات قائمتك وحدها</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/panels.py" line="522"/>
        <source>{0} more are on the hub but not in this project yet: sync to get them.</source>
        <translation>{0} غيرها على خادم الفريق وليست في هذا المشروع بعد: زامن لتحصل عليها.</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <location filename="../../ui/workbench/editing.py" line="130"/>
        <source>Open a document first.</source>
        <translation>افتح مستندًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/editing.py" line="133"/>
        <source>Choose an annotator name first.</source>
        <translation>اختر اسم موسِّم أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/editing.py" line="164"/>
        <source>Select some text or a span first.</source>
        <translation>حدّد نصًا أو مقطعًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/editing.py" line="199"/>
        <source>{0} is already labelled {1}.</source>
        <translation>{0} موسوم من قبل بالتسمية {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="261"/>
        <source>{0} is already an argument of this event.</source>
        <translation>{0} معمول لهذا الحدث من قبل.</translation>
    </message>
</context>
<context>
    <name>EntityList</name>
    <message>
        <location filename="../../ui/search/entities.py" line="233"/>
        <source>Filter by label or text</source>
        <translation>تصفية حسب التسمية أو النص</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="237"/>
        <source>Reading the annotations…</source>
        <translation>جارٍ قراءة التوسيمات…</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="313"/>
        <source>Show concordance</source>
        <translation>عرض السياقات</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="314"/>
        <source>Relabel all as</source>
        <translation>إعادة تسمية الكل بـ</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="323"/>
        <source>Delete all {0} mentions</source>
        <translation>حذف الإشارات كلها ({0})</translation>
    </message>
</context>
<context>
    <name>EntityModel</name>
    <message>
        <location filename="../../ui/search/entities.py" line="68"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="69"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="70"/>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="71"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/search/entities.py" line="72"/>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <location filename="../../ui/events/panel.py" line="366"/>
        <source>Event / role</source>
        <translation>الحدث / الدور</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="367"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="368"/>
        <source>(deleted span)</source>
        <translation>(مقطع محذوف)</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="369"/>
        <source>(missing)</source>
        <translation>(مفقود)</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="370"/>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="483"/>
        <source>Delete this event (keep its trigger span)</source>
        <translation>حذف هذا الحدث (مع إبقاء مقطع مُطلِقه)</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="484"/>
        <source>Remove this argument</source>
        <translation>إزالة هذا المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/events/panel.py" line="485"/>
        <source>Delete this relation</source>
        <translation>حذف هذه العلاقة</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="308"/>
        <source>documents</source>
        <translation>مستندات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="309"/>
        <source>spans</source>
        <translation>مقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="310"/>
        <source>events</source>
        <translation>أحداث</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="311"/>
        <source>arguments</source>
        <translation>معمولات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="312"/>
        <source>relations</source>
        <translation>علاقات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="313"/>
        <source>statuses</source>
        <translation>حالات</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="174"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="252"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="430"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="435"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="183"/>
        <source> (needs {0})</source>
        <translation> (يتطلب {0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="188"/>
        <source>All layers (each record names its annotator)</source>
        <translation>كل الطبقات (كل سجل يذكر موسِّمه)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="189"/>
        <source>gold (adjudicated)</source>
        <translation>المرجع (المحسوم)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="194"/>
        <source>Any status</source>
        <translation>أي حالة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="210"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="224"/>
        <source>default (Unicode words and punctuation)</source>
        <translation>الافتراضي (كلمات يونيكود وعلامات الترقيم)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="225"/>
        <source>spaCy Arabic</source>
        <translation>spaCy العربي</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="231"/>
        <source>outermost</source>
        <translation>الأشمل</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="232"/>
        <source>innermost</source>
        <translation>الأضيق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="233"/>
        <source>longest</source>
        <translation>الأطول</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="239"/>
        <source>-DOCSTART- line between documents</source>
        <translation>سطر ‎-DOCSTART-‎ بين المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="249"/>
        <source>The export report appears here.</source>
        <translation>يظهر تقرير التصدير هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="273"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="275"/>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="276"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="277"/>
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="281"/>
        <source>Output</source>
        <translation>المُخرَج</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="284"/>
        <source>Splits</source>
        <translation>التقسيمات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="286"/>
        <source>Split seed</source>
        <translation>بذرة التقسيم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="287"/>
        <source>Tokenizer</source>
        <translation>المُقطِّع</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="288"/>
        <source>Overlapping spans keep</source>
        <translation>عند تداخل المقاطع يُبقى</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="289"/>
        <source>Tag scheme</source>
        <translation>نظام الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="291"/>
        <source>spaCy spans key</source>
        <translation>مفتاح مقاطع spaCy</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="292"/>
        <source>Events style</source>
        <translation>نمط الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="293"/>
        <source>Training data options</source>
        <translation>خيارات بيانات التدريب</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="316"/>
        <source>The {0} format needs {1}, which is not installed. Add it with:
{2}</source>
        <translation>تتطلب صيغة {0} الحزمة {1}، وهي غير مثبتة. أضفها بالأمر:
{2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="320"/>
        <source>Splits: {0}</source>
        <translation>التقسيمات: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="322"/>
        <source>Choose where to write the export.</source>
        <translation>اختر مكان كتابة التصدير.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="324"/>
        <source>The spaCy spans key cannot be empty.</source>
        <translation>لا يمكن أن يكون مفتاح مقاطع spaCy فارغًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="326"/>
        <source>Choose at least one label.</source>
        <translation>اختر تسمية واحدة على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="341"/>
        <source>{0} has no splits.</source>
        <translation>لا تقسيمات في {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="345"/>
        <source>One split (train). Example: train=0.8,test=0.2</source>
        <translation>تقسيم واحد (train). مثال: train=0.8,test=0.2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="350"/>
        <source> — by document; adding documents never moves others</source>
        <translation> — حسب المستند؛ إضافة مستندات لا تنقل غيرها أبدًا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="352"/>
        <source>A folder (only an earlier export of this format is replaced).</source>
        <translation>مجلد (لا يُستبدل إلا تصدير سابق بهذه الصيغة).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="353"/>
        <source>A file (only an earlier export of this format is replaced).</source>
        <translation>ملف (لا يُستبدل إلا تصدير سابق بهذه الصيغة).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="391"/>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="434"/>
        <source>folder</source>
        <translation>المجلد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="434"/>
        <source>file</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="436"/>
        <source>The {0} {1} holds an earlier {2} export. Replace it?</source>
        <translation>يحوي {0} {1} تصديرًا سابقًا بصيغة {2}. أأستبدله؟</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="440"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="451"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="453"/>
        <source>Export failed, nothing was written:
{0}</source>
        <translation>فشل التصدير، لم يُكتب شيء:
{0}</translation>
    </message>
</context>
<context>
    <name>ExportFormats</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="134"/>
        <source>lossless project JSONL (spans, events, relations, attributes, notes)</source>
        <translation>JSONL المشروع دون فقد (المقاطع والأحداث والعلاقات والخصائص والملاحظات)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="137"/>
        <source>spaCy v3 DocBin (.spacy): doc.ents + doc.spans</source>
        <translation>DocBin لـ spaCy v3 ‏(⁦.spacy⁩): doc.ents و doc.spans</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="138"/>
        <source>spaCy/Prodigy JSONL</source>
        <translation>JSONL بصيغة spaCy/Prodigy</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="139"/>
        <source>Hugging Face datasets token classification (DatasetDict)</source>
        <translation>تصنيف الرموز لمكتبة datasets من Hugging Face ‏(DatasetDict)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="142"/>
        <source>CoNLL-2003 style BIO/IOB2/BIOES</source>
        <translation>بنمط CoNLL-2003 ‏(BIO/IOB2/BIOES)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="143"/>
        <source>brat standoff .txt/.ann + annotation.conf</source>
        <translation>صيغة brat المنفصلة ⁦.txt/.ann⁩ مع annotation.conf</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="144"/>
        <source>event extraction JSON lines (ACE05-E / OneIE style)</source>
        <translation>أسطر JSON لاستخراج الأحداث (بنمط ACE05-E / OneIE)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="147"/>
        <source>doccano JSONL</source>
        <translation>JSONL بصيغة doccano</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="148"/>
        <source>Label Studio JSON tasks</source>
        <translation>مهام JSON لـ Label Studio</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="153"/>
        <source>plain text: one document per .txt file, or a folder of them</source>
        <translation>نص عادي: مستند لكل ملف ‎.txt، أو مجلد منها</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="156"/>
        <source>CSV with a text column (the other columns go to meta)</source>
        <translation>CSV بعمود للنص (تذهب بقية الأعمدة إلى meta)</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="66"/>
        <source>Annotator bundles (*.annbundle *.zip);;All files (*)</source>
        <translation>حزم Annotator (*.annbundle *.zip);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="67"/>
        <source>Bundles and projects (*.annbundle *.zip *.annotator);;All files (*)</source>
        <translation>الحزم والمشاريع ‎(*.annbundle *.zip *.annotator);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/paths.py" line="19"/>
        <source>Text, JSONL or CSV (*.txt *.jsonl *.csv);;All files (*)</source>
        <translation>نص أو JSONL أو CSV (*.txt *.jsonl *.csv);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="80"/>
        <source>HTML report (*.html);;All files (*)</source>
        <translation>تقرير HTML (*.html);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="57"/>
        <source>Annotator projects (*.annotator);;All files (*)</source>
        <translation>مشاريع Annotator (*.annotator);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ui/search/find_bar.py" line="63"/>
        <source>Whole word</source>
        <translation>كلمة كاملة</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="64"/>
        <source>Word start</source>
        <translation>بداية الكلمة</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="65"/>
        <source>Anywhere</source>
        <translation>في أي موضع</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="66"/>
        <source>Regular expression</source>
        <translation>تعبير نمطي</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="122"/>
        <source>Find in document</source>
        <translation>بحث في المستند</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="127"/>
        <source>ة = ه</source>
        <translation>ة = ه</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="446"/>
        <location filename="../../ui/search/find_bar.py" line="128"/>
        <source>Match ة and ه as the same letter</source>
        <translation>مطابقة ة و ه على أنهما حرف واحد</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="134"/>
        <source>Previous hit (Shift+F3)</source>
        <translation>المطابقة السابقة (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="137"/>
        <source>Next hit (F3)</source>
        <translation>المطابقة التالية (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="140"/>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="190"/>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="191"/>
        <source>Find &amp;next</source>
        <translation>بحث عن ال&amp;تالي</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="192"/>
        <source>Find &amp;previous</source>
        <translation>بحث عن ال&amp;سابق</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="301"/>
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
    <message>
        <location filename="../../ui/search/find_bar.py" line="303"/>
        <source>no hits</source>
        <translation>لا مطابقات</translation>
    </message>
</context>
<context>
    <name>HotkeyDispatcher</name>
    <message>
        <location filename="../../ui/workbench/hotkeys.py" line="214"/>
        <source>{0}, … then: {1}</source>
        <translation>{0}، … ثم: {1}</translation>
    </message>
</context>
<context>
    <name>HubLayerNotice</name>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="189"/>
        <source>{0}: not pushed to the hub</source>
        <translation>{0}: لا تُرسَل إلى خادم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="193"/>
        <source>Edits in the layer {0} stay on this machine: your role on the team hub, {1}, does not push it.</source>
        <translation>تبقى التعديلات في الطبقة {0} على هذا الجهاز: دورك على خادم الفريق، {1}، لا يرسلها.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="264"/>
        <source>no layer</source>
        <translation>لا طبقة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="250"/>
        <source>You are editing the layer {0}.</source>
        <translation>أنت تحرّر الطبقة {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="282"/>
        <source>Your role on the team hub, {0} ({1}), does not push this layer: it pushes {2}.</source>
        <translation>دورك على خادم الفريق، {0} ({1})، لا يرسل هذه الطبقة: إنه يرسل {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="268"/>
        <source>These edits stay in this project, on this machine: no sync sends them to the team. They reach the hub only when someone whose role pushes {0} takes them: File › Export my layer as bundle…, and they merge the bundle and sync.</source>
        <translation>تبقى هذه التعديلات في هذا المشروع، على هذا الجهاز: لا ترسلها أي مزامنة إلى الفريق. لا تصل إلى خادم الفريق إلا حين يأخذها من يرسل دورُه {0}: ملف › تصدير طبقتي حزمةً…، ثم يدمج الحزمة ويزامن.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="242"/>
        <source>Your review wrote into the layer {0}.</source>
        <translation>كتبت مراجعتك في الطبقة {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="244"/>
        <source>An import wrote into the layer {0}.</source>
        <translation>كتب استيراد في الطبقة {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="246"/>
        <source>A merge wrote into the layer {0}.</source>
        <translation>كتب دمج في الطبقة {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="248"/>
        <source>An import or a merge wrote into the layer {0}.</source>
        <translation>كتب استيراد أو دمج في الطبقة {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="274"/>
        <source>What was written there stays in this project, on this machine: no sync sends it to the team. It reaches the hub only when someone whose role pushes {0} takes it: File › Export my layer as bundle…, and they merge the bundle and sync.</source>
        <translation>يبقى ما كُتب هناك في هذا المشروع، على هذا الجهاز: لا ترسله أي مزامنة إلى الفريق. لا يصل إلى خادم الفريق إلا حين يأخذه من يرسل دورُه {0}: ملف › تصدير طبقتي حزمةً…، ثم يدمج الحزمة ويزامن.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="290"/>
        <source>To export the layer {0}, first make it the window&apos;s layer (click “Annotator: …” in the status bar).</source>
        <translation>لتصدير الطبقة {0}، اجعلها أولًا طبقة النافذة (انقر «الموسِّم: …» في شريط الحالة).</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="298"/>
        <source>To work where the team sees it, switch to your layer {0} (click “Annotator: …” in the status bar).</source>
        <translation>لتعمل حيث يراك الفريق، انتقل إلى طبقتك {0} (انقر «الموسِّم: …» في شريط الحالة).</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="302"/>
        <source>The hub&apos;s owner can change the layers your role pushes.</source>
        <translation>يستطيع مالك خادم الفريق تغيير الطبقات التي يرسلها دورك.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="306"/>
        <source>Not sent to the team hub</source>
        <translation>لا تُرسَل إلى خادم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/hub_notice.py" line="314"/>
        <source>Don&apos;t show this again for this layer in this project</source>
        <translation>لا تعرض هذا مجددًا لهذه الطبقة في هذا المشروع</translation>
    </message>
</context>
<context>
    <name>HubUrl</name>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="144"/>
        <source>Hub URL (no password: it is read from ~/.pgpass or PGPASSWORD):</source>
        <translation>عنوان خادم الفريق (بلا كلمة مرور: تُقرأ من ‎~/.pgpass‎ أو PGPASSWORD):</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="96"/>
        <location filename="../../ui/dialogs/import_dialog.py" line="148"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="103"/>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="105"/>
        <source>Add a folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="107"/>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="112"/>
        <source>auto (from the file name)</source>
        <translation>تلقائي (من اسم الملف)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="119"/>
        <source>none: rows are named FILE:LINE</source>
        <translation>لا شيء: تُسمّى الصفوف FILE:LINE</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="127"/>
        <source>Strict: the first bad line aborts, nothing is written</source>
        <translation>صارم: أول سطر معيب يوقف الاستيراد ولا يُكتب شيء</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="129"/>
        <source>Lenient: skip bad lines and list them</source>
        <translation>متساهل: تخطي الأسطر المعيبة وسردها</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="136"/>
        <source>error — abort the import</source>
        <translation>خطأ — إيقاف الاستيراد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="137"/>
        <source>add — add them to the schema</source>
        <translation>إضافة — إضافتها إلى المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="138"/>
        <source>skip — leave their annotations out and list them</source>
        <translation>تخطٍّ — استبعاد توسيماتها وسردها</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="145"/>
        <source>The import report appears here.</source>
        <translation>يظهر تقرير الاستيراد هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="158"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="159"/>
        <source>CSV text column</source>
        <translation>عمود النص في CSV</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="160"/>
        <source>CSV name column</source>
        <translation>عمود الاسم في CSV</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="161"/>
        <source>Layer (when a file names none)</source>
        <translation>الطبقة (إن لم يذكر الملف طبقة)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="162"/>
        <source>Malformed lines</source>
        <translation>الأسطر المعيبة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="164"/>
        <source>Labels not in the schema</source>
        <translation>تسميات خارج المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="191"/>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="197"/>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="228"/>
        <source>choose a format: {0}</source>
        <translation>اختر صيغة: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="239"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="252"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>أُلغي الاستيراد؛ لم يُستورد شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="255"/>
        <source>Import failed; nothing was imported:
{0}</source>
        <translation>فشل الاستيراد؛ لم يُستورد شيء:
{0}</translation>
    </message>
</context>
<context>
    <name>KeptRemover</name>
    <message>
        <location filename="../../ui/workbench/details.py" line="405"/>
        <source>Remove {0}</source>
        <translation>إزالة {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/details.py" line="408"/>
        <source>Remove the stored value of {0}, which the schema no longer allows</source>
        <translation>إزالة القيمة المحفوظة للخاصية {0}، وهي قيمة لم يعد المخطط يجيزها</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../ui/workbench/palette.py" line="140"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="141"/>
        <source>What it does</source>
        <translation>الوظيفة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="141"/>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="145"/>
        <source>Label: {0}</source>
        <translation>التسمية: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="152"/>
        <source>Select text (it snaps to whole words)</source>
        <translation>تحديد نص (يُضبط على كلمات كاملة)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="152"/>
        <source>Drag / Shift+arrows</source>
        <translation>سحب / Shift+الأسهم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="153"/>
        <source>Select a word</source>
        <translation>تحديد كلمة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="153"/>
        <source>Double click</source>
        <translation>نقر مزدوج</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="154"/>
        <source>Cancel a pending chord</source>
        <translation>إلغاء تتابع مفاتيح معلّق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/palette.py" line="162"/>
        <source>Edge keys are visual: in right-to-left text Alt+Right grows the span at its start.</source>
        <translation>مفاتيح الحواف بصرية: في النص من اليمين إلى اليسار يمدّ Alt+Right المقطع من بدايته.</translation>
    </message>
</context>
<context>
    <name>LabelMapDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="392"/>
        <source>Labels to map</source>
        <translation>تسميات للربط</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="392"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="446"/>
        <source>Roles to map</source>
        <translation>أدوار للربط</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="397"/>
        <source>{0} holds labels this project&apos;s schema lacks. Choose for each the project&apos;s label to merge its annotations as. A proposed label differs only in case or spelling; check it.</source>
        <translation>يحوي {0} تسميات ليست في مخطط هذا المشروع. اختر لكل منها تسمية المشروع التي تُدمج توصيفاتها بها. التسمية المقترحة لا تختلف إلا في حالة الأحرف أو الإملاء؛ تحقّق منها.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="403"/>
        <source>{0} holds roles this project&apos;s event types lack; their arguments would be kept apart. Choose for each the role of our event type to merge them as. A proposed role differs only in case or spelling; check it.</source>
        <translation>يحوي {0} أدوارًا ليست في أنواع أحداث هذا المشروع؛ وستُبقى معمولاتها جانبًا. اختر لكل منها دور نوع الحدث عندنا الذي تُدمج به. الدور المقترح لا يختلف إلا في حالة الأحرف أو الإملاء؛ تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="416"/>
        <source>Their label</source>
        <translation>تسميتهم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="416"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="465"/>
        <source>Merge as</source>
        <translation>دمج باسم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="429"/>
        <source>add as a new label</source>
        <translation>إضافتها تسميةً جديدة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="431"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="535"/>
        <source>keep apart (quarantine)</source>
        <translation>إبقاؤها جانبًا (الحجر)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="453"/>
        <source>The file also holds roles this project&apos;s event types lack; their arguments would be kept apart. Choose for each the role of our event type to merge them as. A proposed role differs only in case or spelling; check it.</source>
        <translation>ويحوي الملف أيضًا أدوارًا ليست في أنواع أحداث هذا المشروع؛ وستُبقى معمولاتها جانبًا. اختر لكل منها دور نوع الحدث عندنا الذي تُدمج به. الدور المقترح لا يختلف إلا في حالة الأحرف أو الإملاء؛ تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="465"/>
        <source>Their event type</source>
        <translation>نوع الحدث عندهم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="465"/>
        <source>Their role</source>
        <translation>الدور عندهم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="492"/>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="605"/>
        <source>Their role {0} is renamed for every event type by one choice: choose the same for each of its rows.</source>
        <translation>يُعاد تسمية دورهم {0} في كل أنواع الأحداث باختيار واحد: اختر الشيء نفسه في كل صفوفه.</translation>
    </message>
</context>
<context>
    <name>LayersDialog</name>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="84"/>
        <source>Show layers</source>
        <translation>إظهار الطبقات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="91"/>
        <source>Other annotators&apos; spans are shown read-only.</source>
        <translation>تظهر مقاطع الموسِّمين الآخرين للقراءة فقط.</translation>
    </message>
</context>
<context>
    <name>LinkedEditor</name>
    <message>
        <location filename="../../ui/workbench/details.py" line="463"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="191"/>
        <location filename="../../ui/workbench/mainwindow.py" line="798"/>
        <location filename="../../ui/workbench/mainwindow.py" line="821"/>
        <source>Annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="260"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="261"/>
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="263"/>
        <source>Annotations</source>
        <translation>التوسيمات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="270"/>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="205"/>
        <source>Switch annotator</source>
        <translation>تبديل الموسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="698"/>
        <source>The language changes when the annotator is started again.</source>
        <translation>تتغير اللغة عند تشغيل البرنامج من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="784"/>
        <source>Annotator: {0}</source>
        <translation>الموسِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="785"/>
        <source>Project: {0}</source>
        <translation>المشروع: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="787"/>
        <source>saved {0}</source>
        <translation>حُفظ {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="787"/>
        <source>saved</source>
        <translation>محفوظ</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="790"/>
        <source>Project: {0} (checking: read-only until it passes)</source>
        <translation>المشروع: {0} (قيد الفحص: للقراءة فقط حتى يجتازه)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="796"/>
        <source>Project: {0} (read-only)</source>
        <translation>المشروع: {0} (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="801"/>
        <source>{0} (read-only)</source>
        <translation>{0} (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="813"/>
        <source>Not done</source>
        <translation>لم يُنفَّذ</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="361"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="362"/>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="363"/>
        <source>Recall</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="364"/>
        <source>F1</source>
        <translation>مقياس F1</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="365"/>
        <source>Support</source>
        <translation>العدد</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="366"/>
        <source>Baseline F1</source>
        <translation>F1 للأساس</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="376"/>
        <source>The layer the model learns from</source>
        <translation>الطبقة التي يتعلّم منها النموذج</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="377"/>
        <source>Train</source>
        <translation>درّب</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="380"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="397"/>
        <source>only on request</source>
        <translation>عند الطلب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="399"/>
        <source>Retrain by itself after this many new annotations in the trained layer</source>
        <translation>إعادة التدريب تلقائيًا بعد هذا العدد من التعليقات الجديدة في الطبقة التي تدرّب عليها النموذج</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="410"/>
        <source>Next document: least confident first</source>
        <translation>المستند التالي: الأقل ثقة أولاً</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="413"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="428"/>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="435"/>
        <source>Retrain after new annotations:</source>
        <translation>إعادة التدريب بعد تعليقات جديدة:</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="528"/>
        <source>{0} new since the model</source>
        <translation>{0} جديدة منذ النموذج</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="564"/>
        <source>its description is damaged</source>
        <translation>وصفه تالف</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="598"/>
        <source>The stored model cannot be read ({0}). Train it again.</source>
        <translation>تعذّرت قراءة النموذج المحفوظ ({0}). درّبه من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="682"/>
        <source>No model yet: train one on a layer&apos;s annotations.</source>
        <translation>لا نموذج بعد: درّب نموذجاً على توسيمات طبقة.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="700"/>
        <source>Learnt from layer {0}: {1} documents, {2} mentions; trained {3}; version {4}</source>
        <translation>تعلّم من الطبقة {0}: {1} مستندات، {2} إشارات؛ دُرّب في {3}؛ الإصدار {4}</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="716"/>
        <source>all (micro)</source>
        <translation>الكل (micro)</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="722"/>
        <source>No held-out scores (too few documents to hold out).</source>
        <translation>لا درجات على مستندات محجوزة (المستندات أقل من أن يُحجز منها).</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="734"/>
        <source>Event triggers: too few to score</source>
        <translation>مُطلِقات الأحداث: أقل من أن تُقيَّم</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="739"/>
        <source>Too few event triggers for a held-out score: {0} in the layer, {1} in the held-out documents, {2} in the documents trained on.</source>
        <translation>مُطلِقات الأحداث أقل من أن تُقيَّم على مستندات محجوزة: {0} في الطبقة، و{1} في المستندات المحجوزة، و{2} في المستندات التي دُرِّب عليها.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="750"/>
        <source>{0} (event type {1})</source>
        <translation>{0} (نوع الحدث {1})</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="752"/>
        <source>{0} (event type)</source>
        <translation>{0} (نوع حدث)</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="755"/>
        <source>all event types</source>
        <translation>كل أنواع الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="811"/>
        <source>Retraining after {0} new annotations…</source>
        <translation>إعادة التدريب بعد {0} تعليقات جديدة…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="813"/>
        <source>Training…</source>
        <translation>جارٍ التدريب…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="821"/>
        <source>starting</source>
        <translation>البدء</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="822"/>
        <source>choosing the settings</source>
        <translation>اختيار الإعدادات</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="823"/>
        <location filename="../../ui/suggestions/model_panel.py" line="824"/>
        <source>scoring on held-out documents</source>
        <translation>القياس على مستندات محجوزة</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="825"/>
        <source>training the final model</source>
        <translation>تدريب النموذج النهائي</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="846"/>
        <source>Training: {0}% ({1})</source>
        <translation>التدريب: {0}٪ ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="872"/>
        <source>Model saved; {0} suggestions made.</source>
        <translation>حُفظ النموذج؛ صُنع {0} اقتراحاً.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="881"/>
        <source>Training failed: {0}</source>
        <translation>فشل التدريب: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="883"/>
        <source>Training cancelled; no model was saved.</source>
        <translation>أُلغي التدريب؛ لم يُحفظ أي نموذج.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="891"/>
        <source>The training of {0} ended; its model was saved there.</source>
        <translation>انتهى تدريب {0}؛ حُفظ نموذجه فيه.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="893"/>
        <source>The training of {0} failed: {1}</source>
        <translation>فشل تدريب {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="895"/>
        <source>The training of {0} was cancelled; no model was saved.</source>
        <translation>أُلغي تدريب {0}؛ لم يُحفظ أي نموذج.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="945"/>
        <source>Could not suggest: {0}</source>
        <translation>تعذّر الاقتراح: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="988"/>
        <source>Finding the least confident documents…</source>
        <translation>البحث عن المستندات الأقل ثقة…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="1000"/>
        <source>{0} documents not yet labelled, least confident first.</source>
        <translation>{0} مستندات لم تُوسَم بعد، الأقل ثقة أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="1012"/>
        <source>Could not find the least confident documents: {0}</source>
        <translation>تعذّر العثور على المستندات الأقل ثقة: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="1024"/>
        <source>No other document is left to label: each is labelled in layer {0} or marked done in layer {1}.</source>
        <translation>لم يبقَ مستند آخر للوسم: كلٌّ منها موسوم في الطبقة {0} أو موسوم كمنجز في الطبقة {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/model_panel.py" line="1027"/>
        <source>No other document is left to label in layer {0}.</source>
        <translation>لم يبقَ مستند آخر للوسم في الطبقة {0}.</translation>
    </message>
</context>
<context>
    <name>NavigationController</name>
    <message>
        <location filename="../../ui/workbench/navigation.py" line="149"/>
        <source>The list shows no document: clear its filter to move through them.</source>
        <translation>لا تعرض القائمة أي مستند: امسح مرشّحها للتنقل بين المستندات.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/navigation.py" line="170"/>
        <source>Every document the list shows is done.</source>
        <translation>كل مستند تعرضه القائمة منجز.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/navigation.py" line="172"/>
        <source>Every document is done.</source>
        <translation>كل المستندات منجزة.</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="33"/>
        <source>Annotator</source>
        <translation>الموسِّم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="34"/>
        <source>Your name (the layer you annotate in):</source>
        <translation>اسمك (الطبقة التي توسِّم فيها):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="56"/>
        <source>Project in use</source>
        <translation>المشروع قيد الاستخدام</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="63"/>
        <source>You can open it read-only: you see everything, and edits are off.</source>
        <translation>يمكنك فتحه للقراءة فقط: ترى كل شيء، والتعديل معطّل.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/prompts.py" line="68"/>
        <source>Open read-only</source>
        <translation>فتح للقراءة فقط</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="365"/>
        <source>Merge report</source>
        <translation>تقرير الدمج</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <location filename="../../ui/review/panes.py" line="124"/>
        <source>Gold (adjudicated)</source>
        <translation>المرجع (المحسوم)</translation>
    </message>
</context>
<context>
    <name>ReviewItem</name>
    <message>
        <location filename="../../ui/review/model.py" line="178"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="186"/>
        <source>event {0}: {1} [{2}]</source>
        <translation>حدث {0}: {1} [{2}]</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="191"/>
        <source>event {0}: {1}</source>
        <translation>حدث {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="197"/>
        <source>relation {0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="200"/>
        <source>argument {0}</source>
        <translation>معمول {0}</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="283"/>
        <source>gold: {0}</source>
        <translation>المرجع: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewKind</name>
    <message>
        <location filename="../../ui/review/model.py" line="41"/>
        <source>agreement</source>
        <translation>اتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="42"/>
        <source>label mismatch</source>
        <translation>اختلاف التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="43"/>
        <source>boundary mismatch</source>
        <translation>اختلاف الحدود</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="44"/>
        <source>only in A</source>
        <translation>في أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="45"/>
        <source>only in B</source>
        <translation>في ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="46"/>
        <source>argument mismatch</source>
        <translation>اختلاف المعاملات</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="47"/>
        <source>attributes differ</source>
        <translation>اختلاف السمات</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="48"/>
        <source>gold differs</source>
        <translation>المرجع مخالف</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="52"/>
        <location filename="../../ui/review/model.py" line="234"/>
        <source>agree</source>
        <translation>اتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="53"/>
        <source>label≠</source>
        <translation>تسمية≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="54"/>
        <source>bounds≠</source>
        <translation>حدود≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="55"/>
        <source>only A</source>
        <translation>أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="56"/>
        <source>only B</source>
        <translation>ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="57"/>
        <source>args≠</source>
        <translation>معاملات≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="58"/>
        <source>attrs≠</source>
        <translation>سمات≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="59"/>
        <source>gold≠</source>
        <translation>المرجع≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="221"/>
        <source>relation only in A</source>
        <translation>علاقة في أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="222"/>
        <source>relation only in B</source>
        <translation>علاقة في ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="223"/>
        <source>relation attributes differ</source>
        <translation>اختلاف سمات العلاقة</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="224"/>
        <source>event only in A</source>
        <translation>حدث في أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="225"/>
        <source>event only in B</source>
        <translation>حدث في ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="226"/>
        <source>event attributes differ</source>
        <translation>اختلاف سمات الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="227"/>
        <source>relation only in gold</source>
        <translation>علاقة في المرجع فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="228"/>
        <source>event only in gold</source>
        <translation>حدث في المرجع فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="229"/>
        <source>only in gold</source>
        <translation>في المرجع فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="235"/>
        <source>relation only A</source>
        <translation>علاقة أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="236"/>
        <source>relation only B</source>
        <translation>علاقة ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="237"/>
        <source>relation attrs≠</source>
        <translation>سمات العلاقة≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="238"/>
        <source>event only A</source>
        <translation>حدث أ فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="239"/>
        <source>event only B</source>
        <translation>حدث ب فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="240"/>
        <source>event attrs≠</source>
        <translation>سمات الحدث≠</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="241"/>
        <source>relation only gold</source>
        <translation>علاقة المرجع فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="242"/>
        <source>event only gold</source>
        <translation>حدث المرجع فقط</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="243"/>
        <source>only gold</source>
        <translation>المرجع فقط</translation>
    </message>
</context>
<context>
    <name>ReviewSide</name>
    <message>
        <location filename="../../ui/review/model.py" line="132"/>
        <source>A</source>
        <translation>أ</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="133"/>
        <source>B</source>
        <translation>ب</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="134"/>
        <source>C</source>
        <translation>ج</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="135"/>
        <source>D</source>
        <translation>د</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="136"/>
        <source>E</source>
        <translation>هـ</translation>
    </message>
    <message>
        <location filename="../../ui/review/model.py" line="137"/>
        <source>F</source>
        <translation>و</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../ui/review/window.py" line="119"/>
        <location filename="../../ui/review/window.py" line="179"/>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="151"/>
        <source>Document:</source>
        <translation>المستند:</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="153"/>
        <source>Annotators:</source>
        <translation>الموسِّمون:</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="183"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="294"/>
        <source>Choose a document and at least two annotators.</source>
        <translation>اختر مستندًا وموسِّمَين على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="328"/>
        <source>Disagreements left: {0} of {1} in this document; counting the project ({2} %)…</source>
        <translation>الخلافات المتبقية: {0} من {1} في هذا المستند؛ جارٍ عدّ خلافات المشروع ({2}٪)…</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="335"/>
        <source>Disagreements left: {0} of {1} in this document, {2} in the project</source>
        <translation>الخلافات المتبقية: {0} من {1} في هذا المستند، و{2} في المشروع</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="393"/>
        <source>The project&apos;s disagreements could not be counted: {0}</source>
        <translation>تعذّر عدّ خلافات المشروع: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="408"/>
        <source>No disagreement in this document.</source>
        <translation>لا خلاف في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="459"/>
        <source>Only gold holds this: drop it from gold (D), or keep it (Mark adjudicated).</source>
        <translation>لا يحوي هذا إلا المرجع: أسقِطه من المرجع (D)، أو أبقِه («وسم كمحسوم»).</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="465"/>
        <source>That side has nothing here to accept.</source>
        <translation>لا شيء هنا لقبوله من هذا الطرف.</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="512"/>
        <source>Gold now holds two competing versions at “{0}” ({1}); undo to keep one.</source>
        <translation>صار في المرجع نسختان متنافستان عند «{0}» ({1})؛ تراجع للإبقاء على واحدة.</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="519"/>
        <source>It points at the gold span chosen earlier: “{0}” ({1}), not “{2}” ({3}).</source>
        <translation>يشير إلى مقطع المرجع المختار سابقًا: «{0}» ({1})، لا «{2}» ({3}).</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="528"/>
        <source>The agreed version replaced gold&apos;s stale one.</source>
        <translation>حلّت النسخة المتفق عليها محلّ نسخة المرجع القديمة.</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="539"/>
        <source>Only an item “only in gold” can be dropped from gold.</source>
        <translation>لا يُسقَط من المرجع إلا عنصر «في المرجع فقط».</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="560"/>
        <source>Accepted; {0} agreed events left out: their trigger span is not labelled with their type (the problems list names them).</source>
        <translation>قُبل؛ وتُرك {0} من الأحداث المتفق عليها: مقطع مُطلِقها لا يحمل تسمية نوعها (قائمة المشكلات تسمّيها).</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/i18n.py" line="180"/>
        <source>Adjudicator</source>
        <translation>القاضي</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="181"/>
        <source>Agent</source>
        <translation>الفاعل</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="182"/>
        <source>Artifact</source>
        <translation>الشيء</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="183"/>
        <source>Attacker</source>
        <translation>المهاجم</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="184"/>
        <source>Beneficiary</source>
        <translation>المستفيد</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="185"/>
        <source>Buyer</source>
        <translation>المشتري</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="186"/>
        <source>Crime</source>
        <translation>الجريمة</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="187"/>
        <source>Defendant</source>
        <translation>المتهم</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="188"/>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="189"/>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="190"/>
        <source>Giver</source>
        <translation>المانح</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="191"/>
        <source>Instrument</source>
        <translation>الأداة</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="192"/>
        <source>Money</source>
        <translation>المال</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="193"/>
        <source>Org</source>
        <translation>المنظمة</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="194"/>
        <source>Origin</source>
        <translation>المنشأ</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="195"/>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="196"/>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="197"/>
        <source>Plaintiff</source>
        <translation>المدّعي</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="198"/>
        <source>Position</source>
        <translation>المنصب</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="199"/>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="200"/>
        <source>Prosecutor</source>
        <translation>المدّعي العام</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="201"/>
        <source>Recipient</source>
        <translation>المتلقي</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="202"/>
        <source>Seller</source>
        <translation>البائع</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="203"/>
        <source>Sentence</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="204"/>
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="205"/>
        <source>Time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="206"/>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="207"/>
        <source>Victim</source>
        <translation>الضحية</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="80"/>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="81"/>
        <source>Event types</source>
        <translation>أنواع الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="82"/>
        <source>Relation types</source>
        <translation>أنواع العلاقات</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="197"/>
        <source>Schema</source>
        <translation>المخطط</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="205"/>
        <source>New label name</source>
        <translation>اسم التسمية الجديدة</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="206"/>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="207"/>
        <source>Up</source>
        <translation>أعلى</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="208"/>
        <source>Down</source>
        <translation>أسفل</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="209"/>
        <source>Remove…</source>
        <translation>إزالة…</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="213"/>
        <source>Rename</source>
        <translation>إعادة تسمية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="220"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="277"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="279"/>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="280"/>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="281"/>
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="285"/>
        <source>Hotkey</source>
        <translation>مفتاح الاختصار</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="287"/>
        <source>Parent</source>
        <translation>الأصل</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="288"/>
        <source>Arg1 types</source>
        <translation>أنواع الطرف الأول</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="289"/>
        <source>Arg2 types</source>
        <translation>أنواع الطرف الثاني</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="293"/>
        <source>Roles (event types)</source>
        <translation>الأدوار (أنواع الأحداث)</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="297"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="298"/>
        <source>Attributes</source>
        <translation>الخصائص</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="371"/>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="423"/>
        <source>add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="435"/>
        <source>rename {0} to {1}</source>
        <translation>إعادة تسمية {0} إلى {1}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="458"/>
        <source>{0} is taken by the window&apos;s “{1}”.</source>
        <translation>المفتاح {0} مستخدم لأمر النافذة «{1}».</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="463"/>
        <source>hotkey of {0}</source>
        <translation>مفتاح اختصار {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="470"/>
        <source>Colour of {0}</source>
        <translation>لون {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="482"/>
        <location filename="../../ui/events/schema_editor.py" line="496"/>
        <source>edit {0}</source>
        <translation>تحرير {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="509"/>
        <source>roles of {0}</source>
        <translation>أدوار {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="521"/>
        <source>rename role {0} to {1}</source>
        <translation>إعادة تسمية الدور {0} إلى {1}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="543"/>
        <source>edit attributes</source>
        <translation>تحرير الخصائص</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="556"/>
        <source>rename value {0} of {1} to {2}</source>
        <translation>إعادة تسمية القيمة {0} من {1} إلى {2}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="561"/>
        <source>rename attribute {0} to {1}</source>
        <translation>إعادة تسمية الخاصية {0} إلى {1}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="579"/>
        <source>reorder labels</source>
        <translation>إعادة ترتيب التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="592"/>
        <source>Remove {0}</source>
        <translation>إزالة {0}</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="594"/>
        <source>{0} annotation(s) use {1}. They are never deleted with the label:
keep them (they will be listed as problems), or relabel them first.</source>
        <translation>تستخدم {0} توسيمات التسمية {1}. لا تُحذف أبدًا مع التسمية:
أبقِها (وستُسرد مشكلاتٍ)، أو أعد تسميتها أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="598"/>
        <source>Remove the label, keep the annotations</source>
        <translation>إزالة التسمية مع إبقاء التوسيمات</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="599"/>
        <source>Relabel them, then remove…</source>
        <translation>إعادة تسميتها ثم الإزالة…</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="607"/>
        <source>Relabel</source>
        <translation>إعادة التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="607"/>
        <source>New label:</source>
        <translation>التسمية الجديدة:</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_editor.py" line="614"/>
        <source>remove {0}</source>
        <translation>إزالة {0}</translation>
    </message>
</context>
<context>
    <name>SchemaTables</name>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="36"/>
        <source>? optional</source>
        <translation>? اختياري</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="37"/>
        <source>exactly one</source>
        <translation>واحد بالضبط</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="38"/>
        <source>* any number</source>
        <translation>* أي عدد</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="39"/>
        <source>+ one or more</source>
        <translation>+ واحد أو أكثر</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="40"/>
        <source>{2} exactly two</source>
        <translation>{2} اثنان بالضبط</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="131"/>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="132"/>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="203"/>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="204"/>
        <source>Accepts (labels)</source>
        <translation>يقبل (التسميات)</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="205"/>
        <source>How many</source>
        <translation>العدد</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="263"/>
        <source>Attribute</source>
        <translation>الخاصية</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="264"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="265"/>
        <source>Values (enum)</source>
        <translation>القيم (تعداد)</translation>
    </message>
    <message>
        <location filename="../../ui/events/schema_tables.py" line="266"/>
        <source>Labels (empty: all)</source>
        <translation>التسميات (فارغ: الكل)</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../../ui/search/dock.py" line="424"/>
        <location filename="../../ui/search/dock.py" line="452"/>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="431"/>
        <source>Search all documents</source>
        <translation>بحث في كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="437"/>
        <source>Clitic-aware</source>
        <translation>مراعاة السوابق</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="440"/>
        <source>Arabic queries also find the word after the proclitics و ف ب ل ك and ال</source>
        <translation>يجد البحث العربي الكلمة أيضًا بعد السوابق و ف ب ل ك و ال</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="444"/>
        <source>ة = ه</source>
        <translation>ة = ه</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="449"/>
        <source>In documents named…</source>
        <translation>في المستندات المسماة…</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="563"/>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="570"/>
        <source>Searching… {0} hits</source>
        <translation>جارٍ البحث… {0} مطابقة</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="586"/>
        <source>{0} hits</source>
        <translation>{0} مطابقة</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="588"/>
        <source> (the first {0} shown)</source>
        <translation> (معروض أول {0})</translation>
    </message>
    <message>
        <location filename="../../ui/search/dock.py" line="541"/>
        <location filename="../../ui/search/dock.py" line="594"/>
        <source>Search cancelled</source>
        <translation>أُلغي البحث</translation>
    </message>
</context>
<context>
    <name>SearchTools</name>
    <message>
        <location filename="../../ui/search/tools.py" line="132"/>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="178"/>
        <source>&amp;Entity list</source>
        <translation>قائمة ال&amp;كيانات</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="181"/>
        <source>Label every other occurrence in this &amp;document</source>
        <translation>وسم كل ورود آخر في &amp;هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="186"/>
        <source>Label every other occurrence in &amp;every document</source>
        <translation>وسم كل ورود آخر في &amp;كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="189"/>
        <source>Import a &amp;gazetteer (name list)…</source>
        <translation>استيراد &amp;معجم أسماء…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="192"/>
        <source>Import suggestions (JSONL or spaCy pipeline)…</source>
        <translation>استيراد اقتراحات (JSONL أو خط معالجة spaCy)…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="409"/>
        <location filename="../../ui/search/tools.py" line="415"/>
        <source>{0} suggestions stored ({1} found)</source>
        <translation>حُفظ {0} من الاقتراحات (وُجد {1})</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="432"/>
        <source>Select a span first.</source>
        <translation>اختر مقطعًا موسومًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="494"/>
        <location filename="../../ui/search/tools.py" line="515"/>
        <source>Label every other occurrence</source>
        <translation>وسم كل ورود آخر</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="495"/>
        <source>Looking for {0} in every document…</source>
        <translation>البحث عن {0} في كل المستندات…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="503"/>
        <source>No suggestions were stored.</source>
        <translation>لم يُخزَّن أي اقتراح.</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="520"/>
        <source>{0} occurrences in {1} documents. Store them as suggestions?</source>
        <translation>الورودات: {0}، في مستندات عددها {1}. أتُخزَّن اقتراحاتٍ؟</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="548"/>
        <source>Storing {0} suggestions…</source>
        <translation>جارٍ تخزين الاقتراحات ({0})…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="607"/>
        <source>No project is open.</source>
        <translation>لا مشروع مفتوحًا.</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="571"/>
        <location filename="../../ui/search/tools.py" line="761"/>
        <source>Cancelled; no suggestions were stored.</source>
        <translation>أُلغي؛ لم يُحفظ أي اقتراح.</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="583"/>
        <source>Import a gazetteer</source>
        <translation>استيراد معجم أسماء</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="583"/>
        <source>Name lists (*.csv *.txt);;All files (*)</source>
        <translation>قوائم الأسماء ‎(*.csv *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="593"/>
        <location filename="../../ui/search/tools.py" line="597"/>
        <location filename="../../ui/search/tools.py" line="703"/>
        <source>Gazetteer</source>
        <translation>معجم الأسماء</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="593"/>
        <source>Label for every name:</source>
        <translation>الوسم لكل اسم:</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="616"/>
        <source>Every document</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="618"/>
        <source>This document</source>
        <translation>هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="597"/>
        <source>Match the names in:</source>
        <translation>ابحث عن الأسماء في:</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="349"/>
        <source>Mentions of {0} ({1}): {2}</source>
        <translation>إشارات {0} ({1}): {2}</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="414"/>
        <location filename="../../ui/search/tools.py" line="629"/>
        <location filename="../../ui/search/tools.py" line="637"/>
        <location filename="../../ui/search/tools.py" line="682"/>
        <source>Import suggestions</source>
        <translation>استيراد اقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="631"/>
        <source>Predictions (*.jsonl);;spaCy pipeline: its config.cfg (config.cfg);;All files (*)</source>
        <translation>تنبؤات ‎(*.jsonl);;خط معالجة spaCy: ملف config.cfg فيه (config.cfg);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="637"/>
        <source>Suggestions for:</source>
        <translation>الاقتراحات في:</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="682"/>
        <source>Reading the suggestions…</source>
        <translation>قراءة الاقتراحات…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="703"/>
        <source>Matching the names…</source>
        <translation>مطابقة الأسماء…</translation>
    </message>
    <message>
        <location filename="../../ui/search/tools.py" line="480"/>
        <location filename="../../ui/search/tools.py" line="732"/>
        <source>The project is read-only.</source>
        <translation>المشروع للقراءة فقط.</translation>
    </message>
</context>
<context>
    <name>SelectionController</name>
    <message>
        <location filename="../../ui/workbench/selection.py" line="85"/>
        <source>Event: {0}</source>
        <translation>الحدث: {0}</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="366"/>
        <source>No project is open.</source>
        <translation>لا مشروع مفتوح.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="298"/>
        <source>Checking {0}: read-only until the check has passed.</source>
        <translation>جارٍ فحص {0}: للقراءة فقط حتى ينجح الفحص.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="319"/>
        <source>{0}. The project was closed; nothing was written to it.</source>
        <translation>{0}. أُغلق المشروع ولم يُكتب فيه شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="326"/>
        <source>{0} checked: editing is on.</source>
        <translation>فُحص {0}: التحرير متاح الآن.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="372"/>
        <source>{0} is still being checked; editing starts when the check has passed.</source>
        <translation>ما زال {0} قيد الفحص؛ يبدأ التحرير حين ينجح الفحص.</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="438"/>
        <source>Could not redo “{0}” (nothing was changed; Redo can try again): {1}</source>
        <translation>تعذّرت إعادة «{0}» (لم يتغير شيء؛ يمكن المحاولة مجددًا بالإعادة): {1}</translation>
    </message>
    <message>
        <location filename="../../ui/session.py" line="440"/>
        <source>Could not undo “{0}” (nothing was changed; Undo can try again): {1}</source>
        <translation>تعذّر التراجع عن «{0}» (لم يتغير شيء؛ يمكن المحاولة مجددًا بالتراجع): {1}</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <location filename="../../ui/search/source_dialog.py" line="52"/>
        <source>Import suggestions</source>
        <translation>استيراد اقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/search/source_dialog.py" line="54"/>
        <source>Source of these suggestions (optional):</source>
        <translation>مصدر هذه الاقتراحات (اختياري):</translation>
    </message>
    <message>
        <location filename="../../ui/search/source_dialog.py" line="60"/>
        <source>Empty: the pipeline&apos;s own name and version.</source>
        <translation>فارغ: اسم خط المعالجة وإصداره.</translation>
    </message>
    <message>
        <location filename="../../ui/search/source_dialog.py" line="64"/>
        <source>Empty: each line&apos;s own source; {0} for the lines that name none.</source>
        <translation>فارغ: مصدر كل سطر كما هو؛ و{0} للأسطر التي لا تسمّي مصدرًا.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/i18n.py" line="168"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="169"/>
        <source>in progress</source>
        <translation>قيد الإنجاز</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="170"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="583"/>
        <source>Suggestion {0} of {1}: {2} ({3:.0%})</source>
        <translation>الاقتراح {0} من {1}: {2} ({3:.0%})</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="596"/>
        <source>No suggestions in this document.</source>
        <translation>لا اقتراحات في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="653"/>
        <source>Accepting {0} suggestions…</source>
        <translation>جارٍ قبول {0} من الاقتراحات…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="658"/>
        <source>Accepted {0} suggestions.</source>
        <translation>قُبل {0} من الاقتراحات.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="680"/>
        <source>Rejecting {0} suggestions…</source>
        <translation>جارٍ رفض {0} من الاقتراحات…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="686"/>
        <source>Rejected {0} suggestions.</source>
        <translation>رُفض {0} من الاقتراحات.</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="703"/>
        <source>Withdrawing {0} suggestions…</source>
        <translation>جارٍ سحب {0} من الاقتراحات…</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/controller.py" line="708"/>
        <source>Withdrew {0} suggestions from {1}.</source>
        <translation>سُحب {0} من الاقتراحات الواردة من {1}.</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="140"/>
        <source>Show only suggestions at least this confident</source>
        <translation>اعرض فقط الاقتراحات التي تبلغ ثقتها هذا الحد</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="148"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="148"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="148"/>
        <source>Score</source>
        <translation>الدرجة</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="157"/>
        <source>Accept</source>
        <translation>اقبل</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="158"/>
        <source>Reject</source>
        <translation>ارفض</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="159"/>
        <source>Accept all</source>
        <translation>اقبل الكل</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="160"/>
        <source>Reject all</source>
        <translation>ارفض الكل</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="161"/>
        <location filename="../../ui/suggestions/dock.py" line="179"/>
        <source>Withdraw these suggestions</source>
        <translation>اسحب هذه الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="174"/>
        <source>Take back every pending suggestion from the selected suggestion&apos;s source, in every document, without remembering them as rejected (Undo brings them back)</source>
        <translation>اسحب كل اقتراح معلّق من مصدر الاقتراح المحدد، في كل المستندات، دون تسجيلها اقتراحاتٍ مرفوضة (التراجع يعيدها)</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="184"/>
        <source>Threshold</source>
        <translation>العتبة</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/dock.py" line="210"/>
        <source>{0} of {1} suggestions shown</source>
        <translation>يُعرض {0} من {1} اقتراحاً</translation>
    </message>
</context>
<context>
    <name>SyncReportDialog</name>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="416"/>
        <source>Sync</source>
        <translation>مزامنة</translation>
    </message>
</context>
<context>
    <name>TeamViewDialog</name>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="166"/>
        <source>Team progress</source>
        <translation>تقدّم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="176"/>
        <source>analyst</source>
        <translation>محلّل</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="177"/>
        <source>adjudicator</source>
        <translation>محكِّم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="178"/>
        <source>coordinator</source>
        <translation>منسّق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="181"/>
        <source>{0}, as {1} ({2}); figures as of this project&apos;s last sync.</source>
        <translation>الخادم {0}، باسم {1} ({2})؛ الأرقام كما كانت عند آخر مزامنة لهذا المشروع.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="190"/>
        <source>Analyst</source>
        <translation>المحلّل</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="190"/>
        <source>Assigned</source>
        <translation>المُسنَدة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="190"/>
        <source>Done</source>
        <translation>المنجزة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="190"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="191"/>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="191"/>
        <source>Spans per hour</source>
        <translation>مقاطع في الساعة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="200"/>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="200"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="200"/>
        <source>F1</source>
        <translation>مقياس F1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="200"/>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="205"/>
        <source>all labels</source>
        <translation>كل التسميات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="211"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="211"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="215"/>
        <source>{0} (refused by the sync)</source>
        <translation>{0} (رفضته المزامنة)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="217"/>
        <source>{0} (not synced yet)</source>
        <translation>{0} (لم يُزامَن بعد)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="226"/>
        <source>Analysts</source>
        <translation>المحلّلون</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="227"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="229"/>
        <source>My queue ({0})</source>
        <translation>قائمتي ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="230"/>
        <source>To review ({0})</source>
        <translation>للمراجعة ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="231"/>
        <source>Queue ({0})</source>
        <translation>القائمة ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="234"/>
        <source>Agreement needs two analysts with spans.</source>
        <translation>يحتاج الاتفاق إلى محلّلَين لدى كلٍّ منهما مقاطع.</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="78"/>
        <source>This document</source>
        <translation>هذا المستند</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="79"/>
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="83"/>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="83"/>
        <source>Problem</source>
        <translation>المشكلة</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="83"/>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="173"/>
        <source>No problems</source>
        <translation>لا مشكلات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/validation_panel.py" line="173"/>
        <source>{0} problem(s)</source>
        <translation>المشكلات: {0}</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="141"/>
        <source>Accept the suggestion</source>
        <translation>اقبل الاقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="142"/>
        <source>Reject the suggestion</source>
        <translation>ارفض الاقتراح</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="143"/>
        <source>Accept all suggestions shown in the document</source>
        <translation>اقبل كل الاقتراحات المعروضة في المستند</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="144"/>
        <source>Reject all suggestions shown in the document</source>
        <translation>ارفض كل الاقتراحات المعروضة في المستند</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="145"/>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="146"/>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="147"/>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../ui/suggestions/__init__.py" line="148"/>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="128"/>
        <source>Choose another path?</source>
        <translation>أتختار مسارًا آخر؟</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="251"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="251"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="304"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="304"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
</context>
<context>
    <name>self.w</name>
    <message>
        <location filename="../../ui/events/relations.py" line="185"/>
        <source>Or Tab to it and press Return; Escape cancels.</source>
        <translation>أو انتقل إليه بمفتاح Tab واضغط Return؛ ويُلغي Escape.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="200"/>
        <source>Select the first span, then press R.</source>
        <translation>حدّد المقطع الأول، ثم اضغط R.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="204"/>
        <source>Relation from “{0}”: click the target span.</source>
        <translation>علاقة من «{0}»: انقر المقطع الهدف.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="214"/>
        <location filename="../../ui/events/relations.py" line="231"/>
        <source>No relation added.</source>
        <translation>لم تُضف علاقة.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="219"/>
        <source>No relation type links {0} to {1}.</source>
        <translation>لا نوع علاقة يربط {0} بـ{1}.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="238"/>
        <source>Relation:</source>
        <translation>العلاقة:</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="282"/>
        <source>Argument of {0}: click its span.</source>
        <translation>معمول {0}: انقر مقطعه.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="292"/>
        <source>No argument added.</source>
        <translation>لم يُضَف معمول.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="347"/>
        <source>New argument span as:</source>
        <translation>مقطع معمول جديد بصفة:</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="359"/>
        <source>Add as argument:</source>
        <translation>إضافة معمولًا بصفة:</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="364"/>
        <source>Just select it</source>
        <translation>تحديده فقط</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="405"/>
        <location filename="../../ui/events/relations.py" line="420"/>
        <source>Delete span</source>
        <translation>حذف المقطع</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="407"/>
        <source>“{0}” is the {1} of {2}.
Remove only the argument, or delete the whole event?</source>
        <translation>«{0}» هو {1} في {2}.
أتزيل المعمول وحده، أم تحذف الحدث كله؟</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="410"/>
        <source>Remove the argument</source>
        <translation>إزالة المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="411"/>
        <source>Delete the whole event</source>
        <translation>حذف الحدث كله</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="422"/>
        <source>“{0}” is the trigger of {1}; its event and arguments go with it.</source>
        <translation>«{0}» هو مُطلِق {1}؛ يُحذف معه حدثه ومعمولاته.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="424"/>
        <source>Delete the span and its event</source>
        <translation>حذف المقطع وحدثه</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="232"/>
        <source>The span “{0}” triggers {1} events ({2}). Relabelling it as {3} removes those events and {4} arguments ({5} of their own, {6} of other events that they fill). Continue?</source>
        <translation>المقطع «{0}» مُطلِق لـ{1} من الأحداث ({2}). إعادة تسميته بـ{3} تحذف تلك الأحداث و{4} من المعمولات ({5} منها لها، و{6} لأحداث أخرى تملؤها). أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="238"/>
        <source>The span “{0}” triggers a {1} event. Relabelling it as {2} removes the event and {3} arguments ({4} of its own, {5} of other events that it fills). Continue?</source>
        <translation>المقطع «{0}» مُطلِق لحدث {1}. إعادة تسميته بـ{2} تحذف الحدث و{3} من المعمولات ({4} منها له، و{5} لأحداث أخرى يملؤها). أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="244"/>
        <source>The span “{0}” triggers a {1} event with arguments: {2}. Relabelling it as {3} removes the event and its arguments. Continue?</source>
        <translation>المقطع «{0}» مُطلِق حدث من نوع {1}، عدد معمولاته: {2}. إعادة تسميته بـ{3} تحذف الحدث ومعمولاته. أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="249"/>
        <location filename="../../ui/workbench/event_wiring.py" line="304"/>
        <source>Relabel a trigger</source>
        <translation>إعادة تسمية مُطلِق</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="254"/>
        <source>Relabel and remove the events</source>
        <translation>إعادة التسمية وحذف الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="256"/>
        <source>Relabel and remove the event</source>
        <translation>إعادة التسمية وحذف الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="294"/>
        <source>The span “{0}” triggers {1} events ({2}). Relabelling it as {3} removes their arguments in roles {3} lacks ({4}): {5}. Continue?</source>
        <translation>المقطع «{0}» مُطلِق لـ{1} من الأحداث ({2}). إعادة تسميته بـ{3} تحذف معمولاتها التي في أدوار ليست في {3} ({4}): {5}. أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="299"/>
        <source>The span “{0}” triggers a {1} event. Relabelling it as {2} removes its arguments in roles {2} lacks ({3}): {4}. Continue?</source>
        <translation>المقطع «{0}» مُطلِق لحدث {1}. إعادة تسميته بـ{2} تحذف معمولاته التي في أدوار ليست في {2} ({3}): {4}. أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="309"/>
        <source>Relabel and remove the arguments</source>
        <translation>إعادة التسمية وحذف المعمولات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="311"/>
        <source>Relabel and remove the argument</source>
        <translation>إعادة التسمية وحذف المعمول</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="350"/>
        <source>{0} of the {1} mentions of “{2}” trigger {3} events ({4}). Relabelling all as {5} removes those events and {6} arguments ({7} of their own, {8} of other events that they fill). Continue?</source>
        <translation>{0} من إشارات «{2}» البالغة {1} مُطلِقات لـ{3} من الأحداث ({4}). إعادة تسمية الكل بـ{5} تحذف تلك الأحداث و{6} من المعمولات ({7} منها لها، و{8} لأحداث أخرى تملؤها). أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="356"/>
        <source>{0} of the {1} mentions of “{2}” trigger {3} events ({4}) with {5} arguments. Relabelling all as {6} removes those events and their arguments. Continue?</source>
        <translation>{0} من إشارات «{2}» البالغة {1} تُطلِق {3} من الأحداث ({4}) معها {5} من المعمولات. إعادة تسمية الكل بـ{6} تزيل هذه الأحداث ومعمولاتها. أأتابع؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="361"/>
        <location filename="../../ui/workbench/event_wiring.py" line="419"/>
        <source>Relabel triggers</source>
        <translation>إعادة تسمية المُطلِقات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="363"/>
        <source>Relabel all and remove the events</source>
        <translation>إعادة تسمية الكل وإزالة الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="405"/>
        <source>{0} of the {1} mentions of “{2}” trigger events ({3}) with {4} arguments in roles {5} lacks ({6}). Relabelling all as {5} removes those arguments; the others stay. Continue?</source>
        <translation>{0} من {1} من مواضع ذكر «{2}» مُطلِقات لأحداث ({3}) لها {4} من المعمولات في أدوار ليست في {5} ({6}). إعادة تسميتها كلها بـ{5} تحذف تلك المعمولات، ويبقى غيرها. أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="421"/>
        <source>Relabel all and remove the arguments</source>
        <translation>إعادة تسمية الكل وحذف المعمولات</translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="97"/>
        <source>Export my layer as &amp;bundle…</source>
        <translation>تصدير طبقتي &amp;حزمةً…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="98"/>
        <source>&amp;Merge bundle or project…</source>
        <translation>&amp;دمج حزمة أو مشروع…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="110"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="133"/>
        <source>Bundle</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="110"/>
        <source>Open a project and choose your name first.</source>
        <translation>افتح مشروعًا واختر اسمك أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="114"/>
        <source>Export my layer</source>
        <translation>تصدير طبقتي</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="133"/>
        <source>Writing the bundle…</source>
        <translation>جارٍ كتابة الحزمة…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="139"/>
        <source>The bundle was not written: {0}</source>
        <translation>لم تُكتب الحزمة: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="141"/>
        <source>Bundle cancelled; nothing was written.</source>
        <translation>أُلغيت الحزمة؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="152"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="155"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="272"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="631"/>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="152"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="480"/>
        <location filename="../../ui/dialogs/team_view.py" line="98"/>
        <location filename="../../ui/review/agreement_window.py" line="532"/>
        <source>Open a project first.</source>
        <translation>افتح مشروعًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="272"/>
        <source>Merging {0}…</source>
        <translation>جارٍ دمج {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="297"/>
        <source>Nothing was merged: {0}</source>
        <translation>لم يُدمج شيء: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/exchange_actions.py" line="283"/>
        <location filename="../../ui/dialogs/exchange_actions.py" line="299"/>
        <source>Merge cancelled; nothing was merged.</source>
        <translation>أُلغي الدمج؛ لم يُدمج شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="290"/>
        <location filename="../../ui/workbench/menus.py" line="555"/>
        <source>Open or create a project first.</source>
        <translation>افتح مشروعًا أو أنشئ واحدًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="304"/>
        <source>Select an event (its trigger) first.</source>
        <translation>حدّد حدثًا (مُطلِقه) أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/events/relations.py" line="319"/>
        <source>{0} takes no entity arguments.</source>
        <translation>لا يقبل {0} معمولات من الكيانات.</translation>
    </message>
    <message>
        <location filename="../../ui/review/agreement_window.py" line="532"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="699"/>
        <source>Editing the gold layer; Annotate → Switch annotator to go back.</source>
        <translation>تحرير طبقة المرجع؛ للعودة: توسيم ← تبديل الموسِّم.</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="406"/>
        <source>Search all &amp;documents…</source>
        <translation>ابحث في كل ال&amp;مستندات…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/mainwindow.py" line="132"/>
        <location filename="../../ui/workbench/mainwindow.py" line="137"/>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="536"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="545"/>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="555"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="558"/>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="562"/>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="588"/>
        <source>Import failed, nothing was imported: {0}</source>
        <translation>فشل الاستيراد، لم يُستورد شيء: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/menus.py" line="590"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>أُلغي الاستيراد؛ لم يُستورد شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="158"/>
        <location filename="../../ui/dialogs/sync_dialog.py" line="362"/>
        <source>Sync</source>
        <translation>مزامنة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="158"/>
        <source>Open a project for editing first.</source>
        <translation>افتح مشروعاً للتحرير أولاً.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="160"/>
        <source>Sync with the team hub</source>
        <translation>المزامنة مع خادم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="362"/>
        <source>Syncing with {0}…</source>
        <translation>جارٍ المزامنة مع {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="364"/>
        <source>Reading your changes…</source>
        <translation>جارٍ قراءة تغييراتك…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="365"/>
        <source>Sending your changes to {0}…</source>
        <translation>جارٍ إرسال تغييراتك إلى {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="366"/>
        <source>Receiving the team&apos;s changes…</source>
        <translation>جارٍ استلام تغييرات الفريق…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="367"/>
        <source>Merging the team&apos;s changes…</source>
        <translation>جارٍ دمج تغييرات الفريق…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="402"/>
        <source>Synced: {0} sent, {1} received</source>
        <translation>تمت المزامنة: أُرسل {0}، استُلم {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="407"/>
        <source>{0}; {1} of your changes stay in this project: your role does not write their layers</source>
        <translation>{0}؛ {1} من تغييراتك تبقى في هذا المشروع: دورك لا يكتب طبقاتها</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="386"/>
        <source>The sync stopped: {0}</source>
        <translation>توقفت المزامنة: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="389"/>
        <source>Sync cancelled; what was sent or received stays.</source>
        <translation>أُلغيت المزامنة؛ يبقى ما أُرسل أو استُلم.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="98"/>
        <location filename="../../ui/dialogs/team_view.py" line="100"/>
        <location filename="../../ui/dialogs/team_view.py" line="124"/>
        <source>Team progress</source>
        <translation>تقدّم الفريق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="124"/>
        <source>Reading the team&apos;s progress on {0}…</source>
        <translation>جارٍ قراءة تقدّم الفريق على {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/team_view.py" line="135"/>
        <source>The team&apos;s progress could not be read: {0}</source>
        <translation>تعذّرت قراءة تقدّم الفريق: {0}</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="94"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../../ui/workbench/event_wiring.py" line="96"/>
        <source>Problems</source>
        <translation>المشكلات</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="170"/>
        <source>No annotator chosen: editing is off.</source>
        <translation>لم يُختر موسِّم: التحرير متوقف.</translation>
    </message>
</context>
</TS>
