-- Explanations for people: a quarterly result's explain_result JSON told as sentences, in kk, ru or en.

-- The sentences' wording, one object per language; format() templates with numbered arguments so
-- each language orders them its own way.
CREATE FUNCTION ocenka.explain_wording(lang text) RETURNS jsonb
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN CASE lang
	WHEN 'en' THEN jsonb_build_object(
		'evaluated', '%1$s (employee %2$s) was evaluated for %3$s in body %4$s under %5$s, the edition in force on %6$s, the quarter''s last day (methodology §5).',
		'not_evaluated', '%1$s (employee %2$s) was not evaluated for %3$s in body %4$s (edition %5$s): %6$s (%7$s).',
		'ranking', 'The evaluator, %1$s (employee %2$s), scored the %3$s parameters of the form %4$s: %5$s.',
		'kpi', 'The evaluator, %1$s (employee %2$s), graded the %3$s KPIs of the year''s plan: %4$s.',
		'kpi_item', '%1$s. «%2$s»: plan %3$s, actual %4$s, %5$s %%, allowed %6$s, graded %7$s',
		'mean', 'Their sum is %1$s; divided by %2$s and rounded half away from zero to two decimals, it gives the mean %3$s (methodology §2, §%4$s).',
		'no_penalty', 'No disciplinary penalty was imposed in the quarter, so the score is the mean, %1$s.',
		'no_cap', 'In the quarter %1$s was imposed, but %2$s sets no disciplinary cap, so the score is the mean, %3$s.',
		'penalty_plain', '%1$s of %2$s (%3$s)', 'methodology', 'methodology',
		'penalties', 'In the quarter the following penalties were imposed: %1$s; the lowest cap is %2$s (methodology §4b).',
		'penalty_item', '%1$s of %2$s (%3$s), cap %4$s',
		'capped', 'The mean %1$s is above it, so the score is %2$s.',
		'not_capped', 'The mean %1$s does not exceed it, so the score is the mean, %2$s.',
		'band', 'A score of %1$s lies in the band %2$s: «%3$s».',
		'acquainted', 'The evaluation was completed on %1$s; the employee was acquainted with the result on %2$s.',
		'not_acquainted', 'The evaluation was completed on %1$s; the employee has not yet been acquainted with the result.',
		'remark', 'a remark', 'reprimand', 'a reprimand', 'severe_reprimand', 'a severe reprimand',
		'incomplete_compliance_warning', 'a warning of incomplete compliance', 'demotion', 'a demotion',
		'dismissal', 'a dismissal', 'other', 'another penalty',
		'a_evaluated', '%1$s (employee %2$s) was evaluated for %3$s in body %4$s under %5$s, the edition in force on 31 December (methodology §5).',
		'a_not_evaluated', '%1$s (employee %2$s) was not evaluated for %3$s in body %4$s (edition %5$s): %6$s (%7$s).',
		'a_quarters', 'The annual grade is the mean of the year''s quarterly scores: %1$s.',
		'a_quarter', '%1$s — %2$s', 'a_quarter_skipped', '%1$s — not evaluated (%2$s), skipped',
		'a_mean', 'Their sum is %1$s; divided by the %2$s quarters with a score and rounded half away from zero to two decimals, it gives %3$s (methodology §2, §5).',
		'a_kpis', 'The year''s plan has %1$s KPIs; a KPI counts as achieved only if all its indicators are fully achieved (methodology §7): %2$s.',
		'a_kpi', '%1$s. «%2$s» — %3$s', 'achieved', 'achieved', 'not_achieved', 'not achieved', 'unknown', 'no actual value yet',
		'a_indicator', 'indicator %1$s: target %2$s, actual %3$s',
		'a_count', '%1$s of the %2$s KPIs were achieved, %3$s missed: all achieved gives level 4, one missed 3, two missed 2, more 1; level %4$s is «%5$s» (methodology §7).',
		'a_final', 'After the grade: %1$s of %2$s (%3$s) — the final grade is «%4$s»%5$s.',
		'calibration', 'a calibration session', 'commission', 'the evaluation commission', 'appeal', 'an appeal',
		'approved', 'approved', 'upheld', 'upheld', 'revised', 'revised')
	WHEN 'ru' THEN jsonb_build_object(
		'evaluated', 'Сотрудник %1$s (№ %2$s) оценён за %3$s в органе «%4$s» по редакции %5$s, действовавшей на %6$s, последний день квартала (методика §5).',
		'not_evaluated', 'Сотрудник %1$s (№ %2$s) не оценивался за %3$s в органе «%4$s» (редакция %5$s): %6$s (%7$s).',
		'ranking', 'Оценивающее лицо %1$s (№ %2$s) выставило оценки по %3$s параметрам формы %4$s: %5$s.',
		'kpi', 'Оценивающее лицо %1$s (№ %2$s) оценило %3$s КЦИ годового плана: %4$s.',
		'kpi_item', '%1$s. «%2$s»: план %3$s, факт %4$s, %5$s %%, допустимо %6$s, оценка %7$s',
		'mean', 'Их сумма %1$s; делённая на %2$s и округлённая до двух знаков (половина — от нуля), она даёт среднее %3$s (методика §2, §%4$s).',
		'no_penalty', 'Дисциплинарных взысканий в квартале не было, поэтому оценка равна среднему: %1$s.',
		'no_cap', 'В квартале наложено взыскание: %1$s, но редакция %2$s не ограничивает оценку за дисциплинарные взыскания, поэтому оценка равна среднему: %3$s.',
		'penalty_plain', '%1$s от %2$s (%3$s)', 'methodology', 'методика',
		'penalties', 'В квартале наложены взыскания: %1$s; наименьший предел — %2$s (методика §4b).',
		'penalty_item', '%1$s от %2$s (%3$s), предел %4$s',
		'capped', 'Среднее %1$s выше предела, поэтому оценка — %2$s.',
		'not_capped', 'Среднее %1$s не выше предела, поэтому оценка равна среднему: %2$s.',
		'band', 'Оценка %1$s лежит в диапазоне %2$s: «%3$s».',
		'acquainted', 'Оценка завершена %1$s; сотрудник ознакомлен с результатом %2$s.',
		'not_acquainted', 'Оценка завершена %1$s; сотрудник ещё не ознакомлен с результатом.',
		'remark', 'замечание', 'reprimand', 'выговор', 'severe_reprimand', 'строгий выговор',
		'incomplete_compliance_warning', 'предупреждение о неполном служебном соответствии',
		'demotion', 'понижение в должности', 'dismissal', 'увольнение', 'other', 'иное взыскание',
		'not_in_position', 'не занимал должность в органе в этом периоде',
		'tenure', 'в должности в этом периоде меньше срока, требуемого методикой (1 месяц; 3 месяца по akmola-2018)',
		'probation', 'на испытательном сроке в конце периода',
		'worked_days', 'фактически отработано меньше 15 рабочих дней в периоде',
		'no_kpi', 'руководителю, назначенному менее чем за 3 месяца до 31 декабря, КЦИ в этом году не устанавливаются',
		'a_evaluated', 'Сотрудник %1$s (№ %2$s) оценён за %3$s год в органе «%4$s» по редакции %5$s, действовавшей на 31 декабря (методика §5).',
		'a_not_evaluated', 'Сотрудник %1$s (№ %2$s) не оценивался за %3$s год в органе «%4$s» (редакция %5$s): %6$s (%7$s).',
		'a_quarters', 'Годовая оценка — среднее квартальных оценок года: %1$s.',
		'a_quarter', '%1$s — %2$s', 'a_quarter_skipped', '%1$s — не оценивался (%2$s), не учитывается',
		'a_mean', 'Их сумма %1$s; делённая на %2$s квартала(ов) с оценкой и округлённая до двух знаков (половина — от нуля), она даёт %3$s (методика §2, §5).',
		'a_kpis', 'В годовом плане %1$s КЦИ; КЦИ считается достигнутым, только если полностью достигнуты все его показатели (методика §7): %2$s.',
		'a_kpi', '%1$s. «%2$s» — %3$s', 'achieved', 'достигнут', 'not_achieved', 'не достигнут', 'unknown', 'фактическое значение ещё не внесено',
		'a_indicator', 'показатель %1$s: цель %2$s, факт %3$s',
		'a_count', 'Достигнуто %1$s из %2$s КЦИ, не достигнуто %3$s: все достигнуты — уровень 4, один не достигнут — 3, два — 2, больше — 1; уровень %4$s — «%5$s» (методика §7).',
		'a_final', 'После оценки: %1$s от %2$s (%3$s) — окончательная оценка «%4$s»%5$s.',
		'calibration', 'калибровочная сессия', 'commission', 'комиссия по оценке', 'appeal', 'обжалование',
		'approved', 'утверждён', 'upheld', 'оставлен без изменения', 'revised', 'пересмотрен')
	WHEN 'kk' THEN jsonb_build_object(
		'evaluated', '%1$s (қызметкер № %2$s) %3$s үшін «%4$s» органында %5$s редакциясы бойынша бағаланды — тоқсанның соңғы күні, %6$s, күшінде болған редакция (әдістеме §5).',
		'not_evaluated', '%1$s (қызметкер № %2$s) %3$s үшін «%4$s» органында бағаланбады (%5$s редакциясы): %6$s (%7$s).',
		'ranking', 'Бағалаушы %1$s (№ %2$s) %4$s нысанының %3$s параметрі бойынша баға қойды: %5$s.',
		'kpi', 'Бағалаушы %1$s (№ %2$s) жылдық жоспардың %3$s НМИ-і бойынша баға қойды: %4$s.',
		'kpi_item', '%1$s. «%2$s»: жоспар %3$s, нақты %4$s, %5$s %%, рұқсат етілген %6$s, баға %7$s',
		'mean', 'Олардың қосындысы %1$s; %2$s-ге бөліп, екі таңбаға дейін дөңгелектегенде (жартысы нөлден алысқа) орташа %3$s шығады (әдістеме §2, §%4$s).',
		'no_penalty', 'Тоқсанда тәртіптік жаза қолданылмаған, сондықтан баға орташаға тең: %1$s.',
		'no_cap', 'Тоқсанда тәртіптік жаза қолданылды: %1$s, бірақ %2$s редакциясы тәртіптік жаза үшін бағаны шектемейді, сондықтан баға орташаға тең: %3$s.',
		'penalty_plain', '%2$s күнгі %1$s (%3$s)', 'methodology', 'әдістеме',
		'penalties', 'Тоқсанда қолданылған тәртіптік жазалар: %1$s; ең төмен шек — %2$s (әдістеме §4b).',
		'penalty_item', '%2$s күнгі %1$s (%3$s), шегі %4$s',
		'capped', 'Орташа %1$s шектен жоғары, сондықтан баға — %2$s.',
		'not_capped', 'Орташа %1$s шектен аспайды, сондықтан баға орташаға тең: %2$s.',
		'band', '%1$s балл %2$s аралығында: «%3$s».',
		'acquainted', 'Бағалау %1$s аяқталды; қызметкер нәтижемен %2$s танысты.',
		'not_acquainted', 'Бағалау %1$s аяқталды; қызметкер нәтижемен әлі танысқан жоқ.',
		'remark', 'ескерту', 'reprimand', 'сөгіс', 'severe_reprimand', 'қатаң сөгіс',
		'incomplete_compliance_warning', 'қызметке толық сәйкес еместігі туралы ескерту',
		'demotion', 'лауазымын төмендету', 'dismissal', 'қызметтен шығару', 'other', 'өзге жаза',
		'not_in_position', 'осы кезеңде органда лауазымда болмады',
		'tenure', 'осы кезеңде лауазымда әдістеме талап ететін мерзімнен аз болды (1 ай; akmola-2018 бойынша 3 ай)',
		'probation', 'кезеңнің соңында сынақ мерзімінде болды',
		'worked_days', 'кезеңде 15 жұмыс күнінен аз нақты жұмыс істеді',
		'no_kpi', '31 желтоқсанға дейін 3 айдан аз бұрын тағайындалған басшыға осы жылы НМИ белгіленбейді',
		'a_evaluated', '%1$s (қызметкер № %2$s) %3$s жыл үшін «%4$s» органында %5$s редакциясы бойынша бағаланды — 31 желтоқсанда күшінде болған редакция (әдістеме §5).',
		'a_not_evaluated', '%1$s (қызметкер № %2$s) %3$s жыл үшін «%4$s» органында бағаланбады (%5$s редакциясы): %6$s (%7$s).',
		'a_quarters', 'Жылдық баға — жылдың тоқсандық бағаларының орташасы: %1$s.',
		'a_quarter', '%1$s — %2$s', 'a_quarter_skipped', '%1$s — бағаланбады (%2$s), есепке алынбайды',
		'a_mean', 'Олардың қосындысы %1$s; бағасы бар %2$s тоқсанға бөліп, екі таңбаға дейін дөңгелектегенде (жартысы нөлден алысқа) %3$s шығады (әдістеме §2, §5).',
		'a_kpis', 'Жылдық жоспарда %1$s НМИ бар; НМИ оның барлық көрсеткіштері толық орындалғанда ғана қол жеткізілген болып саналады (әдістеме §7): %2$s.',
		'a_kpi', '%1$s. «%2$s» — %3$s', 'achieved', 'қол жеткізілді', 'not_achieved', 'қол жеткізілмеді', 'unknown', 'нақты мәні әлі енгізілмеген',
		'a_indicator', '%1$s-көрсеткіш: мақсат %2$s, нақты %3$s',
		'a_count', '%2$s НМИ-дің %1$s қол жеткізілді, %3$s қол жеткізілмеді: барлығы — 4-деңгей, біреуі қол жеткізілмесе — 3, екеуі — 2, одан көп — 1; %4$s-деңгей — «%5$s» (әдістеме §7).',
		'a_final', 'Бағадан кейін: %2$s күнгі %1$s (%3$s) — түпкілікті баға «%4$s»%5$s.',
		'calibration', 'калибрлеу сессиясы', 'commission', 'бағалау жөніндегі комиссия', 'appeal', 'шағым',
		'approved', 'бекітілді', 'upheld', 'өзгеріссіз қалдырылды', 'revised', 'қайта қаралды')
	END;
COMMENT ON FUNCTION ocenka.explain_wording(text) IS 'the wording of explain_text and explain_annual_text in one language (kk, ru, en): format() templates of their sentences (the annual ones a_…), the word for methodology, the names of penalty kinds, decisions and (ru, kk) ineligibility reasons; NULL for another language';

-- The pieces explain_text and explain_annual_text share: the wording (22023 for an unknown language),
-- the sentence of a person not evaluated, and the sentence of completion and acquaintance.
CREATE FUNCTION ocenka.explain_words(lang text) RETURNS jsonb
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
	w jsonb := ocenka.explain_wording(lang);
BEGIN
	IF w IS NULL THEN
		RAISE EXCEPTION 'unknown language "%"', lang
			USING ERRCODE = '22023', HINT = 'Explanations exist in kk, ru and en.';
	END IF;
	RETURN w;
END
$$;
COMMENT ON FUNCTION ocenka.explain_words(text) IS 'explain_wording(lang), or 22023 for a language the explanations are not written in';

CREATE FUNCTION ocenka.explain_not_evaluated(w jsonb, template text, x jsonb, period text, body text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN format(w ->> template, x -> 'employee' ->> 'name', x -> 'employee' ->> 'id', period, body,
	              x ->> 'edition', coalesce(w ->> (x ->> 'reason'), x ->> 'reason_text'),
	              replace(x ->> 'basis', 'methodology', w ->> 'methodology'));
COMMENT ON FUNCTION ocenka.explain_not_evaluated(jsonb, text, jsonb, text, text) IS 'the sentence of an explanation for someone not evaluated: whom, the period, the body, the edition, the reason in the wording''s language and its basis';

CREATE FUNCTION ocenka.explain_completion(w jsonb, x jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN x ->> 'acquainted_on' IS NULL THEN format(w ->> 'not_acquainted', x ->> 'completed_on')
	            ELSE format(w ->> 'acquainted', x ->> 'completed_on', x ->> 'acquainted_on') END;
COMMENT ON FUNCTION ocenka.explain_completion(jsonb, jsonb) IS 'the last sentence of an explanation: when the evaluation was completed and when (or whether) the person was acquainted with it';

CREATE FUNCTION ocenka.explain_text(employee_id bigint, q ocenka.quarter, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	w jsonb;
	x jsonb;
	body text;
	list text;
	s text[];
	lowest numeric;
BEGIN
	IF employee_id IS NULL OR q IS NULL OR lang IS NULL THEN
		RAISE EXCEPTION 'explain_text needs an employee, a quarter and a language' USING ERRCODE = '22004';
	END IF;
	w := ocenka.explain_words(lang);
	x := ocenka.explain_result(employee_id, q);
	SELECT b.name INTO body FROM ocenka.body b WHERE b.id = (x ->> 'body_id')::bigint;

	IF x ->> 'status' = 'not_evaluated' THEN
		RETURN ocenka.explain_not_evaluated(w, 'not_evaluated', x, x ->> 'quarter', body);
	END IF;

	s := ARRAY[format(w ->> 'evaluated', x -> 'employee' ->> 'name', x -> 'employee' ->> 'id', x ->> 'quarter', body,
	                  x ->> 'edition', ocenka.last_day(q))];
	IF x ->> 'method' = 'kpi' THEN
		SELECT string_agg(format(w ->> 'kpi_item', i ->> 'no', i ->> 'kpi', i ->> 'plan', i ->> 'actual', i ->> 'percent',
		                         CASE WHEN lower((i ->> 'allowed')::numrange) = upper((i ->> 'allowed')::numrange)
		                              THEN lower((i ->> 'allowed')::numrange)::text
		                              ELSE lower((i ->> 'allowed')::numrange) || '–' || upper((i ->> 'allowed')::numrange) END,
		                         i ->> 'grade'),
		                  '; ' ORDER BY (i ->> 'no')::int)
		INTO list FROM jsonb_array_elements(x -> 'items') i;
		s := s || format(w ->> 'kpi', x -> 'evaluator' ->> 'name', x -> 'evaluator' ->> 'id', x ->> 'count', list);
	ELSE
		-- a parameter's name in the language asked for; the seeds give no Kazakh wording of some forms
		SELECT string_agg(format('%s. %s — %s', i ->> 'no', coalesce(i ->> ('name_' || lang), i ->> 'name_ru', i ->> 'name_en'),
		                         i ->> 'score'), '; ' ORDER BY (i ->> 'no')::int)
		INTO list FROM jsonb_array_elements(x -> 'items') i;
		s := s || format(w ->> 'ranking', x -> 'evaluator' ->> 'name', x -> 'evaluator' ->> 'id', x ->> 'count', x ->> 'form', list);
	END IF;
	s := s || format(w ->> 'mean', x ->> 'sum', x ->> 'count', x ->> 'mean', CASE x ->> 'method' WHEN 'kpi' THEN '3' ELSE '4' END);

	IF x ->> 'cap' IS NULL AND jsonb_array_length(x -> 'penalties') = 0 THEN
		s := s || format(w ->> 'no_penalty', x ->> 'score');
	ELSIF x ->> 'cap' IS NULL THEN
		SELECT string_agg(format(w ->> 'penalty_plain', w ->> (p ->> 'kind'), p ->> 'imposed_on', p ->> 'order'), '; ' ORDER BY o)
		INTO list FROM jsonb_array_elements(x -> 'penalties') WITH ORDINALITY AS e(p, o);
		s := s || format(w ->> 'no_cap', list, x ->> 'edition', x ->> 'score');
	ELSE
		SELECT string_agg(format(w ->> 'penalty_item', w ->> (p ->> 'kind'), p ->> 'imposed_on', p ->> 'order', p ->> 'cap'),
		                  '; ' ORDER BY o),
		       min((p ->> 'cap')::numeric)
		INTO list, lowest FROM jsonb_array_elements(x -> 'penalties') WITH ORDINALITY AS e(p, o);
		s := s || format(w ->> 'penalties', list, coalesce(lowest::text, x ->> 'cap'))
		       || format(w ->> CASE WHEN (x ->> 'capped')::boolean THEN 'capped' ELSE 'not_capped' END, x ->> 'mean', x ->> 'score');
	END IF;
	s := s || format(w ->> 'band', x ->> 'score', x ->> 'band', x -> 'label' ->> lang);
	s := s || ocenka.explain_completion(w, x);
	RETURN array_to_string(s, E'\n');
END
$$;
COMMENT ON FUNCTION ocenka.explain_text(bigint, ocenka.quarter, text) IS 'why a quarterly result is what it is, as sentences in kk, ru or en (one per line), told from explain_result: the edition, the evaluator and every score or KPI, the mean, the penalties and the cap they caused, the gradation and its label, completion and acquaintance; unknown language 22023, no result 22023';

-- An annual result told as sentences (explain_annual_result): the mean of the year's quarters with each
-- quarter's score or why it was skipped, or the KPI count with each KPI achieved or not and its indicators.
CREATE FUNCTION ocenka.explain_annual_text(employee_id bigint, year integer, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	w jsonb;
	x jsonb;
	body text;
	list text;
	s text[];
BEGIN
	IF employee_id IS NULL OR year IS NULL OR lang IS NULL THEN
		RAISE EXCEPTION 'explain_annual_text needs an employee, a year and a language' USING ERRCODE = '22004';
	END IF;
	w := ocenka.explain_words(lang);
	x := ocenka.explain_annual_result(employee_id, year);
	SELECT b.name INTO body FROM ocenka.body b WHERE b.id = (x ->> 'body_id')::bigint;

	IF x ->> 'status' = 'not_evaluated' THEN
		RETURN ocenka.explain_not_evaluated(w, 'a_not_evaluated', x, x ->> 'year', body);
	END IF;

	s := ARRAY[format(w ->> 'a_evaluated', x -> 'employee' ->> 'name', x -> 'employee' ->> 'id', x ->> 'year', body, x ->> 'edition')];
	IF x ->> 'rule' = 'mean_of_quarters' THEN
		SELECT string_agg(CASE WHEN (q ->> 'counted')::boolean THEN format(w ->> 'a_quarter', q ->> 'quarter', q ->> 'score')
		                       ELSE format(w ->> 'a_quarter_skipped', q ->> 'quarter', coalesce(w ->> (q ->> 'reason'),
		                                                                    (SELECT r.description FROM ocenka.ineligibility_reason r WHERE r.code = q ->> 'reason'),
		                                                                    q ->> 'reason', q ->> 'status')) END,
		                  '; ' ORDER BY q ->> 'quarter')
		INTO list FROM jsonb_array_elements(x -> 'quarters') q;
		s := s || format(w ->> 'a_quarters', coalesce(list, '—'))
		       || format(w ->> 'a_mean', x ->> 'sum', x ->> 'counted', x ->> 'score')
		       || format(w ->> 'band', x ->> 'score', x ->> 'band', x -> 'label' ->> lang);
	ELSE
		SELECT string_agg(format(w ->> 'a_kpi', k ->> 'no', k ->> 'kpi',
		                         w ->> CASE (k ->> 'achieved')::boolean WHEN true THEN 'achieved' WHEN false THEN 'not_achieved' ELSE 'unknown' END)
		                  || coalesce(' (' || (SELECT string_agg(format(w ->> 'a_indicator', i ->> 'no', i ->> 'target', coalesce(i ->> 'actual', '—')),
		                                                         ', ' ORDER BY (i ->> 'no')::int)
		                                       FROM jsonb_array_elements(k -> 'indicators') i
		                                       WHERE (i ->> 'achieved')::boolean IS NOT TRUE) || ')', ''),
		                  '; ' ORDER BY (k ->> 'no')::int)
		INTO list FROM jsonb_array_elements(x -> 'kpis') k;
		s := s || format(w ->> 'a_kpis', x ->> 'total', coalesce(list, '—'))
		       || format(w ->> 'a_count', x ->> 'achieved', x ->> 'total', (x ->> 'total')::int - (x ->> 'achieved')::int,
		                 array_position(enum_range(NULL::ocenka.gradation), (x ->> 'gradation')::ocenka.gradation), x -> 'label' ->> lang);
	END IF;
	s := s || ocenka.explain_completion(w, x);
	-- the decision that gives the final grade, when one was taken (a commission, an appeal)
	IF x #>> '{final,decision_id}' IS NOT NULL THEN
		SELECT format(w ->> 'a_final', w ->> d.kind, d.decided_on, w ->> d.outcome, x #>> ARRAY['final', 'label', lang],
		              coalesce(' (' || (x #>> '{final,score}') || ')', ''))
		INTO list FROM ocenka.result_decision d WHERE d.id = (x #>> '{final,decision_id}')::bigint;
		s := s || list;
	END IF;
	RETURN array_to_string(s, E'\n');
END
$$;
COMMENT ON FUNCTION ocenka.explain_annual_text(bigint, integer, text) IS 'why an annual result is what it is, as sentences in kk, ru or en (one per line), told from explain_annual_result: the edition; under the mean of quarters each quarter''s score or why it was skipped, the sum, count and mean, the band and label; under the KPI count each KPI achieved or not with its unmet indicators, the count and the level it gives; completion and acquaintance; the decision that gave the final grade; unknown language 22023, no result 22023';
