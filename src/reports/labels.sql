-- Reports: the printed labels of the official forms in kk, ru and en. The kk wording is seed 000's
-- (typical-2023 appendices 1–4, 7–8), the ru wording seed 002's (wko-2026 appendices 1–2); where a
-- seed has no text in a language (the wko-2026 forms in kk, the typical-2023 forms and the 360
-- competencies in ru) the label is our translation, and every en label is ours.

CREATE FUNCTION ocenka.form_label(key text, lang text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
	labels CONSTANT jsonb := $json${
	"title.kpi": {"kk": "НМИ бойынша бағалау парағы", "ru": "Оценочный лист по КЦИ", "en": "KPI evaluation sheet"},
	"title.typical-ranking": {"kk": "Саралау әдісі бойынша бағалау парағы", "ru": "Оценочный лист по методу ранжирования", "en": "Ranking method evaluation sheet"},
	"title.wko-leadership": {"kk": "Басшы лауазымды атқаратын адамның бағалау парағы", "ru": "Оценочный лист лица, занимающего руководящую должность", "en": "Evaluation sheet of a person holding a leadership position"},
	"title.wko-non-leadership": {"kk": "Басшы емес лауазымды атқаратын адамның бағалау парағы", "ru": "Оценочный лист лица, занимающего не руководящую должность", "en": "Evaluation sheet of a person holding a non-leadership position"},
	"appendix.kpi": {"kk": "Әдістемеге 2-қосымша", "ru": "Приложение 2 к Методике", "en": "Appendix 2 to the Methodology"},
	"appendix.typical-ranking": {"kk": "Әдістемеге 4-қосымша", "ru": "Приложение 4 к Методике", "en": "Appendix 4 to the Methodology"},
	"appendix.wko-leadership": {"kk": "Әдістемеге 1-қосымша", "ru": "Приложение 1 к Методике", "en": "Appendix 1 to the Methodology"},
	"appendix.wko-non-leadership": {"kk": "Әдістемеге 2-қосымша", "ru": "Приложение 2 к Методике", "en": "Appendix 2 to the Methodology"},
	"appendix.360.heads": {"kk": "Әдістемеге 7-қосымша", "ru": "Приложение 7 к Методике", "en": "Appendix 7 to the Methodology"},
	"appendix.360.employees": {"kk": "Әдістемеге 8-қосымша", "ru": "Приложение 8 к Методике", "en": "Appendix 8 to the Methodology"},
	"form": {"kk": "Нысан", "ru": "Форма", "en": "Form"},
	"evaluatee": {"kk": "Бағаланатын қызметшінің Т.А.Ә.", "ru": "Ф.И.О. оцениваемого лица", "en": "Evaluatee (full name)"},
	"position": {"kk": "Қызметшінің лауазымы", "ru": "Должность", "en": "Position"},
	"unit": {"kk": "Қызметшінің құрылымдық бөлімшесінің атауы", "ru": "Структурное подразделение", "en": "Structural unit"},
	"body": {"kk": "Мемлекеттік орган", "ru": "Государственный орган", "en": "State body"},
	"period": {"kk": "Бағаланатын кезең", "ru": "Оцениваемый период", "en": "Evaluated period"},
	"evaluator": {"kk": "Бағалайтын қызметшінің (құрылымдық бөлімше/мемлекеттік орган басшысының) Т.А.Ә.", "ru": "Ф.И.О., должность оценивающего служащего", "en": "Evaluator (full name, position)"},
	"col.no": {"kk": "№ р/р", "ru": "№ п/п", "en": "No"},
	"col.parameter": {"kk": "Параметрлер", "ru": "Параметры", "en": "Parameters"},
	"col.score": {"kk": "Бағалау (0-ден 5-ке дейін)", "ru": "Оценка (от 0* до 5 баллов)", "en": "Score (0* to 5 points)"},
	"col.kpi": {"kk": "НМИ атауы", "ru": "Наименование КЦИ", "en": "KPI"},
	"col.measure": {"kk": "Өлшем бірлігі", "ru": "Единица измерения", "en": "Unit of measure"},
	"col.plan": {"kk": "Жоспарлы мәні", "ru": "Плановое значение", "en": "Planned value"},
	"col.actual": {"kk": "Нақты мәні", "ru": "Фактическое значение", "en": "Actual value"},
	"col.percent": {"kk": "НМИ пайыздық іске асуы", "ru": "Процент достижения КЦИ", "en": "KPI achievement, %"},
	"col.band": {"kk": "Рұқсат етілген бағалау ауқымы", "ru": "Допустимый диапазон оценки", "en": "Allowed grade range"},
	"col.grade": {"kk": "Бағалау", "ru": "Оценка", "en": "Grade"},
	"mean": {"kk": "Орташа қорытынды баға", "ru": "Средняя итоговая оценка", "en": "Mean final score"},
	"mean.kpi": {"kk": "Қорытынды бағалау", "ru": "Итоговая оценка", "en": "Final score"},
	"mean.note": {"kk": "Орташа қорытынды бағаны есептеу үшін қойылған бағалар сомасын бағаланатын параметрлер санына бөлу керек.", "ru": "Примечание: для расчета средней итоговой оценки необходимо сумму выставленных оценок разделить на количество оцениваемых параметров.", "en": "Note: the mean final score is the sum of the scores given divided by the number of parameters."},
	"mean.note.kpi": {"kk": "НМИ санына бөлінген НМИ бойынша бағалау сомасы", "ru": "Сумма оценок по КЦИ, деленная на количество КЦИ", "en": "The sum of the KPI grades divided by the number of KPIs"},
	"zero.note": {"kk": "* 0 баға параметр толық орындалмаған жағдайда қойылады.", "ru": "* оценка 0 баллов выставляется в случае полного неисполнения служащим параметра оценки.", "en": "* a score of 0 is given when the employee did not perform the parameter at all."},
	"penalty": {"kk": "Бағаланатын тоқсанда салынған тәртіптік жаза", "ru": "Дисциплинарное взыскание, наложенное в оцениваемом квартале", "en": "Disciplinary penalty imposed in the evaluated quarter"},
	"penalty.imposed": {"kk": "салынған күні", "ru": "дата наложения", "en": "imposed on"},
	"penalty.cap": {"kk": "баға аспауы тиіс", "ru": "оценка не может превышать", "en": "the score may not exceed"},
	"penalty.rule": {"kk": "Тәртіптік жаза болған жағдайда: ескерту, сөгіс, қатаң сөгіс түрінде баға 2,99 балдан аспауы тиіс; өзге жазалар түрінде, оның ішінде мемлекеттік қызметті абыройсыздандыратын теріс қылықтар үшін — 1,99 балдан аспауы тиіс.", "ru": "При наличии дисциплинарного взыскания: в виде замечания, выговора, строго выговора оценка не может превышать 2,99 баллов; в виде иных видов взысканий, в том числе за проступки, дискредитирующие государственную службу, оценка не может превышать 1,99 баллов.", "en": "With a disciplinary penalty: for a remark, a reprimand or a severe reprimand the score may not exceed 2.99; for any other penalty, including for offences discrediting the civil service, it may not exceed 1.99."},
	"capped": {"kk": "Тәртіптік жазаны ескергендегі қорытынды баға", "ru": "Итоговая оценка с учётом дисциплинарного взыскания", "en": "Final score after the disciplinary cap"},
	"kind.remark": {"kk": "ескерту", "ru": "замечание", "en": "remark"},
	"kind.reprimand": {"kk": "сөгіс", "ru": "выговор", "en": "reprimand"},
	"kind.severe_reprimand": {"kk": "қатаң сөгіс", "ru": "строгий выговор", "en": "severe reprimand"},
	"kind.incomplete_compliance_warning": {"kk": "толық қызметтік сәйкестік еместігі туралы ескерту", "ru": "предупреждение о неполном служебном соответствии", "en": "warning of incomplete official compliance"},
	"kind.demotion": {"kk": "лауазымын төмендету", "ru": "понижение в должности", "en": "demotion"},
	"kind.dismissal": {"kk": "қызметтен шығару", "ru": "увольнение", "en": "dismissal"},
	"kind.other": {"kk": "өзге жаза", "ru": "иное взыскание", "en": "other penalty"},
	"result": {"kk": "Бағалау нәтижесі", "ru": "Результат оценки", "en": "Evaluation result"},
	"result.note": {"kk": "Қызметшінің бағалау нәтижесі орташа қорытынды бағаның негізінде қойылады.", "ru": "Результат оценки служащему выставляется исходя из средней итоговой оценки.", "en": "The evaluation result is given from the mean final score."},
	"evaluatee.sign": {"kk": "Бағаланатын адам", "ru": "Оцениваемое лицо", "en": "Evaluatee"},
	"evaluator.sign": {"kk": "Бағалайтын адам", "ru": "Оценивающее лицо", "en": "Evaluator"},
	"sign": {"kk": "қолы", "ru": "Подпись", "en": "Signature"},
	"date": {"kk": "күні", "ru": "Дата", "en": "Date"},
	"completed": {"kk": "Бағалау аяқталған күн", "ru": "Дата завершения оценки", "en": "Evaluation completed on"},
	"acquainted": {"kk": "Танысқан күні", "ru": "Дата ознакомления", "en": "Acquainted on"},
	"decision": {"kk": "Шешім", "ru": "Решение", "en": "Decision"},
	"decision.calibration": {"kk": "калибрлеу сессиясы", "ru": "калибровочная сессия", "en": "calibration session"},
	"decision.commission": {"kk": "комиссия", "ru": "комиссия", "en": "commission"},
	"decision.appeal": {"kk": "шағымдану", "ru": "обжалование", "en": "appeal"},
	"decision.upheld": {"kk": "өзгеріссіз қалдырылды", "ru": "оставлен без изменения", "en": "upheld"},
	"decision.approved": {"kk": "бекітілді", "ru": "утверждён", "en": "approved"},
	"decision.revised": {"kk": "қайта қаралды", "ru": "пересмотрен", "en": "revised"},
	"final": {"kk": "Түпкілікті нәтиже", "ru": "Окончательный результат", "en": "Final result"},
	"quarter": {"kk": "%2$s жылғы %1$s-тоқсан", "ru": "%1$s квартал %2$s года", "en": "Q%1$s %2$s"},
	"year": {"kk": "%s жыл", "ru": "%s год", "en": "year %s"},
	"title.360.heads": {"kk": "Қызметшіні 360 әдісімен бағалау нәтижесі", "ru": "Результаты оценки служащего методом 360", "en": "Results of the 360 evaluation of an employee"},
	"subtitle.360.heads": {"kk": "(құрылымдық бөлімшелердің басшылары үшін)", "ru": "(для руководителей структурных подразделений)", "en": "(for heads of structural units)"},
	"title.360.employees": {"kk": "Қызметшіні 360 градус әдісімен бағалау нәтижелері", "ru": "Результаты оценки служащего методом 360 градусов", "en": "Results of the 360-degree evaluation of an employee"},
	"subtitle.360.employees": {"kk": "(\"Б\" корпусының қызметшілері үшін)", "ru": "(для служащих корпуса \"Б\")", "en": "(for corps \"B\" employees)"},
	"evaluatee.360.heads": {"kk": "Құрылымдық бөлімше басшысының Т.А.Ә.", "ru": "Ф.И.О. руководителя структурного подразделения", "en": "Head of the structural unit (full name)"},
	"evaluatee.360.employees": {"kk": "Бағаланатын қызметшінің Т.А.Ә.", "ru": "Ф.И.О. оцениваемого служащего", "en": "Evaluated employee (full name)"},
	"col.360.no": {"kk": "№", "ru": "№", "en": "No"},
	"col.competency": {"kk": "Құзырет", "ru": "Компетенция", "en": "Competency"},
	"col.360.mean": {"kk": "Құзыреттер бойынша орташа қорытынды баға", "ru": "Средняя итоговая оценка по компетенциям", "en": "Mean final score per competency"},
	"col.360.self": {"kk": "Өзін-өзі бағалау", "ru": "Самооценка", "en": "Self-assessment"},
	"col.360.answers": {"kk": "Жауаптар саны", "ru": "Число ответов", "en": "Answers"},
	"radar": {"kk": "Паутинка", "ru": "Паутинка", "en": "Radar chart"},
	"legend.respondents": {"kk": "Респонденттердің орташа бағасы", "ru": "Средняя оценка респондентов", "en": "Respondents' mean"},
	"legend.self": {"kk": "Өзін-өзі бағалау", "ru": "Самооценка", "en": "Self-assessment"},
	"360.note": {"kk": "Әрбір құзырет бойынша бағалаудың орташа қорытынды нәтижелерін есептеу автоматты режимде әрбір респонденттің баллдарын қосу және респонденттердің санына бөлу (өзін-өзі бағалаудан басқа) арқылы жүзеге асырылады.", "ru": "Расчет средних итоговых результатов оценки по каждой компетенции осуществляется в автоматическом режиме путем сложения баллов каждого респондента и деления на количество респондентов (за исключением самооценки).", "en": "The mean final result of each competency is computed automatically by adding every respondent's points and dividing by the number of respondents (the self-assessment excluded)."},
	"weakest": {"kk": "Ең аз анықталған құзыреттер", "ru": "Наименее выраженные компетенции", "en": "Least developed competencies"},
	"weakest.note": {"kk": "Ең аз анықталған құзыреттер біліктілікті арттыру тақырыптарын қалыптастыру кезінде ескеріледі; 360 нәтижелері қорытынды бағаға әсер етпейді.", "ru": "Наименее выраженные компетенции учитываются при формировании тем повышения квалификации; результаты 360 не влияют на итоговую оценку.", "en": "The least developed competencies choose training topics; 360 results do not affect the grade."},
	"competency.activity_management": {"ru": "Управление деятельностью", "en": "Activity management"},
	"competency.communications": {"ru": "Построение эффективных коммуникаций", "en": "Building effective communications"},
	"competency.ethics": {"ru": "Следование этическим нормам и принципам", "en": "Adherence to ethical norms and principles"},
	"competency.change_management": {"ru": "Управление изменениями", "en": "Change management"},
	"competency.result_orientation": {"ru": "Ориентация на результат", "en": "Result orientation"},
	"competency.independence": {"ru": "Самостоятельность и навыки принятия решений", "en": "Independence and decision-making"},
	"competency.team_management": {"ru": "Управление командой", "en": "Team management"},
	"competency.leadership": {"ru": "Лидерские качества", "en": "Leadership qualities"},
	"competency.cooperation": {"ru": "Сотрудничество", "en": "Cooperation"},
	"competency.promptness": {"ru": "Оперативность", "en": "Promptness"},
	"competency.self_development": {"ru": "Саморазвитие", "en": "Self-development"},
	"competency.initiative": {"ru": "Инициативность", "en": "Initiative"}
	}$json$;
	result text;
BEGIN
	result := labels -> key ->> ocenka.form_language(lang);
	IF result IS NULL THEN
		RAISE EXCEPTION 'no form label % in %', quote_literal(key), lang USING ERRCODE = '22023';
	END IF;
	RETURN result;
END
$$;
COMMENT ON FUNCTION ocenka.form_label(text, text) IS 'the printed wording of a form label in kk, ru or en: kk from seed 000, ru from seed 002, our translation where a seed has none; 22023 for an unknown label or language';

-- A quarter and a year as the forms name the period.
CREATE FUNCTION ocenka.form_period(q ocenka.quarter, lang text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN format(ocenka.form_label('quarter', lang),
	              CASE WHEN lang = 'ru' THEN (ARRAY['I', 'II', 'III', 'IV'])[ocenka.quarter_number(q)] ELSE ocenka.quarter_number(q)::text END,
	              ocenka.year_of(q));
COMMENT ON FUNCTION ocenka.form_period(ocenka.quarter, text) IS 'a quarter as the forms name it: «2026 жылғы 2-тоқсан», «II квартал 2026 года», «Q2 2026»';
